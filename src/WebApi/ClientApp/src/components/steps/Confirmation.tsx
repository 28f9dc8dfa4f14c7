import { format, parseISO } from 'date-fns';
import { useEffect, useState } from 'react';
import { api, type AppointmentResponse } from '../../api/endpoints';

export interface ConfirmationProps {
  appointment: AppointmentResponse;
  serviceName: string;
  staffName: string;
  businessName: string;
  manageUrl: string | null;
  onAnother: () => void;
}

export function Confirmation(p: ConfirmationProps) {
  const { appointment: a } = p;
  const icsHref = useCalendarFile(a);

  return (
    <div className="ae-confirmation">
      <p className="ae-success">You're booked.</p>
      <dl className="ae-summary">
        <dt>Reference</dt>
        <dd>
          <strong data-testid="booking-reference">{a.reference}</strong>
        </dd>
        <dt>Service</dt>
        <dd>{p.serviceName}</dd>
        <dt>With</dt>
        <dd>{p.staffName}</dd>
        <dt>Where</dt>
        <dd>{p.businessName}</dd>
        <dt>When</dt>
        <dd>
          {format(parseISO(a.date), 'EEEE d MMMM yyyy')} at {a.time}
        </dd>
      </dl>
      <p className="ae-muted">A confirmation email is on its way to {a.customer.email}.</p>
      <div className="ae-actions ae-actions-wrap">
        {icsHref && (
          <a className="ae-btn ae-btn-secondary" href={icsHref} download={`appointment-${a.reference}.ics`}>
            Add to calendar (.ics)
          </a>
        )}
        {p.manageUrl && (
          <a className="ae-btn ae-btn-secondary" href={p.manageUrl} data-testid="manage-link">
            Manage this booking
          </a>
        )}
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onAnother}>
          Book another
        </button>
      </div>
    </div>
  );
}

/** The server's .ics for the booking (it writes every calendar file) as a blob URL; null until it has arrived. */
function useCalendarFile(a: AppointmentResponse): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    api
      .appointmentCalendar(a.id, a.manageToken ?? null, controller.signal)
      .then((ics) => {
        url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
        setHref(url);
      })
      .catch(() => setHref(null)); // no link rather than a broken one; the email carries the same file
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [a.id, a.manageToken]);
  return href;
}
