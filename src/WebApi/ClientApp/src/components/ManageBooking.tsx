import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppointmentResponse, type BusinessHours, type Service } from '../api/endpoints';
import { setBearerToken, setManageToken } from '../api/http';
import { ApiError, isTransient } from '../api/problem';
import { formatDay } from '../i18n/format';
import { useLocale } from '../i18n/LocaleContext';
import type { LinkMode } from '../lib/heartbeat';
import { isValidEmail } from '../lib/validation';
import { BookingFlow } from './BookingFlow';
import { Notice, type NoticeMessage } from './Notice';
import { StepHeading } from './StepHeading';

type Stage = 'email' | 'code' | 'list' | 'reschedule';

export interface ManageBookingProps {
  services: Service[];
  businessHours: BusinessHours | null;
  clientId: string;
  /** Opened from a confirmation's manage link: that booking, with its manage token instead of a sign-in. */
  link: { id: string; token: string } | null;
  onLinkMode: (mode: LinkMode, storageMode: string | null) => void;
}

/** "Manage my booking": email → one-time code → your bookings → reschedule (steps 3–6) or cancel. */
export function ManageBooking({ services, businessHours, clientId, link, onLinkMode }: ManageBookingProps) {
  const { t } = useTranslation();
  const { tag } = useLocale();
  const [stage, setStage] = useState<Stage>(link ? 'list' : 'email');
  const [moved, setMoved] = useState(false);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [appointments, setAppointments] = useState<AppointmentResponse[]>([]);
  const [rescheduling, setRescheduling] = useState<AppointmentResponse | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);

  const to = (next: Stage) => {
    setMoved(true);
    setStage(next);
  };

  useEffect(() => {
    if (!link) return;
    setManageToken(link.token);
    api
      .getAppointment(link.id)
      .then((a) => setAppointments([a]))
      .catch(fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per link; fail is recreated on every render
  }, [link?.id, link?.token]);

  function fail(error: unknown) {
    if (isTransient(error)) setNotice({ kind: 'error', text: t('common.unreachableLater') });
    else if (error instanceof ApiError) setNotice({ kind: 'error', text: error.message });
    else setNotice({ kind: 'error', text: t('common.somethingWrong') });
  }

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    if (!isValidEmail(email)) {
      setFieldError(t('manage.emailInvalid'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await api.requestOtp(email.trim());
      setNotice({ kind: 'info', text: t('manage.codeSent', { email: email.trim() }) });
      to('code');
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) setFieldError(error.fieldErrors().email ?? error.message);
      else fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(code.trim())) {
      setFieldError(t('manage.codeMissing'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const session = await api.verifyOtp(email.trim(), code.trim());
      setBearerToken(session.token);
      setAppointments(await api.myAppointments());
      setNotice(null);
      to('list');
    } catch (error) {
      if (error instanceof ApiError && [400, 401, 403, 422].includes(error.status)) setFieldError(error.fieldErrors().code ?? t('manage.codeWrong'));
      else fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function cancel(a: AppointmentResponse) {
    if (!window.confirm(t('manage.confirmCancel', { reference: a.reference, day: formatDay(a.date, tag), time: a.time }))) return;
    try {
      await api.cancelAppointment(a.id);
      setAppointments((list) => list.map((x) => (x.id === a.id ? { ...x, status: 'cancelled' } : x)));
      setNotice({ kind: 'success', text: t('manage.isCancelled', { reference: a.reference }) });
    } catch (error) {
      fail(error);
    }
  }

  const serviceName = (id: number) => services.find((s) => s.id === id)?.name ?? t('manage.appointment');

  if (stage === 'reschedule' && rescheduling)
    return (
      <BookingFlow
        services={services}
        businessHours={businessHours}
        clientId={clientId}
        manageUrlFor={() => null}
        onLinkMode={onLinkMode}
        mode={{
          kind: 'reschedule',
          appointment: rescheduling,
          onCancel: () => to('list'),
          onDone: (updated) => {
            setAppointments((list) => list.map((x) => (x.id === updated.id ? updated : x)));
            setNotice({ kind: 'success', text: t('manage.moved', { reference: updated.reference, day: formatDay(updated.date, tag), time: updated.time }) });
            setRescheduling(null);
            to('list');
          },
        }}
      />
    );

  return (
    <section className="ae-manage" aria-label={t('manage.section')}>
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {stage === 'email' && (
        <form className="ae-form" noValidate onSubmit={sendCode}>
          <StepHeading focus={moved}>{t('manage.findTitle')}</StepHeading>
          <p className="ae-muted">{t('manage.findHint')}</p>
          <div className="ae-field">
            <label htmlFor="ae-manage-email">{t('manage.email')}</label>
            <input id="ae-manage-email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!fieldError} aria-describedby={fieldError ? 'ae-manage-error' : undefined} />
            {fieldError && <p className="ae-field-error" id="ae-manage-error">{fieldError}</p>}
          </div>
          <div className="ae-actions">
            <button type="submit" className="ae-btn ae-btn-primary" disabled={busy}>
              {busy ? t('manage.sending') : t('manage.send')}
            </button>
          </div>
        </form>
      )}
      {stage === 'code' && (
        <form className="ae-form" noValidate onSubmit={verify}>
          <StepHeading focus={moved}>{t('manage.codeTitle')}</StepHeading>
          <div className="ae-field">
            <label htmlFor="ae-manage-code">{t('manage.codeLabel', { email })}</label>
            <input id="ae-manage-code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={!!fieldError} aria-describedby={fieldError ? 'ae-manage-error' : undefined} />
            {fieldError && <p className="ae-field-error" id="ae-manage-error">{fieldError}</p>}
          </div>
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => to('email')}>
              {t('common.back')}
            </button>
            <button type="submit" className="ae-btn ae-btn-primary" disabled={busy}>
              {busy ? t('manage.checking') : t('manage.show')}
            </button>
          </div>
        </form>
      )}
      {stage === 'list' && (
        <>
          <StepHeading focus={moved}>{t('manage.listTitle')}</StepHeading>
          {appointments.length === 0 ? (
            <p className="ae-muted">{t('manage.none')}</p>
          ) : (
            <ul className="ae-bookings">
              {appointments.map((a) => {
                const active = !/cancel/i.test(a.status);
                return (
                  <li key={a.id} className="ae-booking" data-reference={a.reference}>
                    <p className="ae-choice-title">
                      {t('manage.line', { service: serviceName(a.serviceId), day: formatDay(a.date, tag, 'medium'), time: a.time })}
                    </p>
                    <p className="ae-muted">{t('manage.reference', { reference: a.reference, status: active ? t('manage.confirmed') : t('manage.cancelled') })}</p>
                    {active && (
                      <div className="ae-actions">
                        <button
                          type="button"
                          className="ae-btn ae-btn-secondary"
                          onClick={() => {
                            setRescheduling(a);
                            setNotice(null);
                            to('reschedule');
                          }}
                        >
                          {t('manage.reschedule')}
                        </button>
                        <button type="button" className="ae-btn ae-btn-danger" onClick={() => cancel(a)}>
                          {t('manage.cancelBooking')}
                        </button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
