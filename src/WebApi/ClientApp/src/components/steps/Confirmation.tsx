import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppointmentResponse } from '../../api/endpoints';
import { When } from '../When';

export interface ConfirmationProps {
  appointment: AppointmentResponse;
  serviceName: string;
  staffName: string;
  businessName: string;
  manageUrl: string | null;
  onAnother: () => void;
}

export function Confirmation(p: ConfirmationProps) {
  const { t } = useTranslation();
  const { appointment: a } = p;
  const icsHref = useCalendarFile(a);

  return (
    <div className="ae-confirmation">
      <p className="ae-success">{t('confirmation.booked')}</p>
      <dl className="ae-summary">
        <dt>{t('confirmation.reference')}</dt>
        <dd>
          <strong data-testid="booking-reference">{a.reference}</strong>
        </dd>
        <dt>{t('review.service')}</dt>
        <dd>{p.serviceName}</dd>
        <dt>{t('review.with')}</dt>
        <dd>{p.staffName}</dd>
        <dt>{t('confirmation.where')}</dt>
        <dd>{p.businessName}</dd>
        <dt>{t('review.when')}</dt>
        <dd data-testid="booked-when" data-date={a.date} data-time={a.time}>
          <When date={a.date} time={a.time} />
        </dd>
      </dl>
      <p className="ae-muted">{t('confirmation.emailSent', { email: a.customer.email })}</p>
      <div className="ae-actions ae-actions-wrap">
        {icsHref && (
          <a className="ae-btn ae-btn-secondary" href={icsHref} download={`appointment-${a.reference}.ics`}>
            {t('confirmation.calendar')}
          </a>
        )}
        {p.manageUrl && (
          <a className="ae-btn ae-btn-secondary" href={p.manageUrl} data-testid="manage-link">
            {t('confirmation.manage')}
          </a>
        )}
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onAnother}>
          {t('confirmation.another')}
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
