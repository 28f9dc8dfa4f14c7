import { format, parseISO } from 'date-fns';
import { useMemo } from 'react';
import type { AppointmentResponse } from '../../api/endpoints';
import { buildIcs, zonedToUtc } from '../../lib/ics';

export interface ConfirmationProps {
  appointment: AppointmentResponse;
  serviceName: string;
  durationMinutes: number;
  staffName: string;
  businessName: string;
  timeZone: string;
  manageUrl: string | null;
  onAnother: () => void;
}

export function Confirmation(p: ConfirmationProps) {
  const { appointment: a } = p;
  const icsHref = useMemo(() => {
    const ics = buildIcs({
      uid: `${a.reference}@appointease`,
      title: `${p.serviceName} at ${p.businessName}`,
      description: `Booking ${a.reference} with ${p.staffName}.${p.manageUrl ? ` Manage: ${p.manageUrl}` : ''}`,
      location: p.businessName,
      start: zonedToUtc(a.date, a.time, p.timeZone),
      durationMinutes: p.durationMinutes,
    });
    return URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  }, [a, p.serviceName, p.businessName, p.staffName, p.manageUrl, p.timeZone, p.durationMinutes]);

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
        <dt>When</dt>
        <dd>
          {format(parseISO(a.date), 'EEEE d MMMM yyyy')} at {a.time}
        </dd>
      </dl>
      <p className="ae-muted">A confirmation email is on its way to {a.customer.email}.</p>
      <div className="ae-actions ae-actions-wrap">
        <a className="ae-btn ae-btn-secondary" href={icsHref} download={`appointment-${a.reference}.ics`}>
          Add to calendar (.ics)
        </a>
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
