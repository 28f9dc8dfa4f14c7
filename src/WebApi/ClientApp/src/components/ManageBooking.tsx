import { format, parseISO } from 'date-fns';
import { useEffect, useState, type FormEvent } from 'react';
import { api, type AppointmentResponse, type BusinessHours, type Service } from '../api/endpoints';
import { setBearerToken, setManageToken } from '../api/http';
import { ApiError, isTransient } from '../api/problem';
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
    if (isTransient(error)) setNotice({ kind: 'error', text: 'The booking server cannot be reached. Please try again in a moment.' });
    else if (error instanceof ApiError) setNotice({ kind: 'error', text: error.message });
    else setNotice({ kind: 'error', text: 'Something went wrong. Please try again.' });
  }

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    if (!isValidEmail(email)) {
      setFieldError('Please enter a valid email address, like name@example.com.');
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await api.requestOtp(email.trim());
      setNotice({ kind: 'info', text: `If there are bookings for ${email.trim()}, a 6-digit code is on its way.` });
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
      setFieldError('Please enter the code from the email.');
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
      if (error instanceof ApiError && [400, 401, 403, 422].includes(error.status)) setFieldError(error.fieldErrors().code ?? 'That code is not right or has expired.');
      else fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function cancel(a: AppointmentResponse) {
    if (!window.confirm(`Cancel your booking ${a.reference} on ${a.date} at ${a.time}?`)) return;
    try {
      await api.cancelAppointment(a.id);
      setAppointments((list) => list.map((x) => (x.id === a.id ? { ...x, status: 'cancelled' } : x)));
      setNotice({ kind: 'success', text: `Booking ${a.reference} is cancelled.` });
    } catch (error) {
      fail(error);
    }
  }

  const serviceName = (id: number) => services.find((s) => s.id === id)?.name ?? 'Appointment';

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
            setNotice({ kind: 'success', text: `Booking ${updated.reference} moved to ${updated.date} at ${updated.time}.` });
            setRescheduling(null);
            to('list');
          },
        }}
      />
    );

  return (
    <section className="ae-manage" aria-label="Manage my booking">
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {stage === 'email' && (
        <form className="ae-form" noValidate onSubmit={sendCode}>
          <StepHeading focus={moved}>Find your bookings</StepHeading>
          <p className="ae-muted">We'll email you a one-time code.</p>
          <div className="ae-field">
            <label htmlFor="ae-manage-email">Email</label>
            <input id="ae-manage-email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!fieldError} aria-describedby={fieldError ? 'ae-manage-error' : undefined} />
            {fieldError && <p className="ae-field-error" id="ae-manage-error">{fieldError}</p>}
          </div>
          <div className="ae-actions">
            <button type="submit" className="ae-btn ae-btn-primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send code'}
            </button>
          </div>
        </form>
      )}
      {stage === 'code' && (
        <form className="ae-form" noValidate onSubmit={verify}>
          <StepHeading focus={moved}>Enter your code</StepHeading>
          <div className="ae-field">
            <label htmlFor="ae-manage-code">Code sent to {email}</label>
            <input id="ae-manage-code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={!!fieldError} aria-describedby={fieldError ? 'ae-manage-error' : undefined} />
            {fieldError && <p className="ae-field-error" id="ae-manage-error">{fieldError}</p>}
          </div>
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => to('email')}>
              Back
            </button>
            <button type="submit" className="ae-btn ae-btn-primary" disabled={busy}>
              {busy ? 'Checking…' : 'Show my bookings'}
            </button>
          </div>
        </form>
      )}
      {stage === 'list' && (
        <>
          <StepHeading focus={moved}>Your bookings</StepHeading>
          {appointments.length === 0 ? (
            <p className="ae-muted">No bookings found.</p>
          ) : (
            <ul className="ae-bookings">
              {appointments.map((a) => {
                const active = !/cancel/i.test(a.status);
                return (
                  <li key={a.id} className="ae-booking" data-reference={a.reference}>
                    <p className="ae-choice-title">
                      {serviceName(a.serviceId)} — {format(parseISO(a.date), 'EEE d MMM yyyy')} at {a.time}
                    </p>
                    <p className="ae-muted">
                      Reference {a.reference} · {a.status}
                    </p>
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
                          Reschedule
                        </button>
                        <button type="button" className="ae-btn ae-btn-danger" onClick={() => cancel(a)}>
                          Cancel booking
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
