import { format, parseISO } from 'date-fns';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type AppointmentResponse, type BusinessHours, type Employee, type Service } from '../api/endpoints';
import { ApiError, isTransient } from '../api/problem';
import { withRetry } from '../lib/backoff';
import { newId } from '../lib/clientId';
import type { LinkMode } from '../lib/heartbeat';
import type { SlotView } from '../lib/slots';
import type { DetailErrors, Details } from '../lib/validation';
import { useLiveSlots } from '../hooks/useLiveSlots';
import { Notice, type NoticeMessage } from './Notice';
import { SlotGrid } from './SlotGrid';
import { StepHeading } from './StepHeading';
import { ChooseService } from './steps/ChooseService';
import { ChooseStaff, type StaffChoice } from './steps/ChooseStaff';
import { Confirmation } from './steps/Confirmation';
import { DetailsForm } from './steps/DetailsForm';
import { PickDate } from './steps/PickDate';
import { Review } from './steps/Review';
import { Steps } from './Steps';

export type Step = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const stepTitles: Record<Step, string> = {
  1: 'Choose a service',
  2: 'Choose who',
  3: 'Pick a day',
  4: 'Pick a time',
  5: 'Your details',
  6: 'Review and confirm',
  7: 'Booked',
};

export type FlowMode =
  | { kind: 'book' }
  | { kind: 'reschedule'; appointment: AppointmentResponse; onDone: (updated: AppointmentResponse) => void; onCancel: () => void };

export interface BookingFlowProps {
  services: Service[];
  businessHours: BusinessHours | null;
  clientId: string;
  mode: FlowMode;
  manageUrlFor: (appointment: AppointmentResponse) => string | null;
  onLinkMode: (mode: LinkMode, storageMode: string | null) => void;
}

const emptyDetails: Details = { name: '', email: '', phone: '', notes: '' };

/** The 7-step booking (and, with mode "reschedule", steps 3–6 for an existing appointment). */
export function BookingFlow({ services, businessHours, clientId, mode, manageUrlFor, onLinkMode }: BookingFlowProps) {
  const rescheduling = mode.kind === 'reschedule' ? mode.appointment : null;
  const [step, setStep] = useState<Step>(rescheduling ? 3 : 1);
  const [moved, setMoved] = useState(false);
  const [service, setService] = useState<Service | null>(() => services.find((s) => s.id === rescheduling?.serviceId) ?? null);
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [staff, setStaff] = useState<StaffChoice | null>(rescheduling ? rescheduling.employeeId : null);
  const [date, setDate] = useState<string | null>(null);
  const [selected, setSelected] = useState<{ employeeId: number; time: string } | null>(null);
  const [pickingTime, setPickingTime] = useState<string | null>(null);
  const [details, setDetails] = useState<Details | null>(
    rescheduling ? { name: rescheduling.customer.name, email: rescheduling.customer.email, phone: rescheduling.customer.phone ?? '', notes: rescheduling.notes ?? '' } : null,
  );
  const [serverErrors, setServerErrors] = useState<DetailErrors>({});
  const [lock, setLock] = useState<{ token: string; expiresAt: string } | null>(null);
  const [locking, setLocking] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newId);
  const [booked, setBooked] = useState<AppointmentResponse | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);

  const go = useCallback((next: Step) => {
    setMoved(true);
    setStep(next);
  }, []);

  useEffect(() => {
    if (!service) return;
    const controller = new AbortController();
    withRetry(() => api.employees(service.id, controller.signal), isTransient, (ms) => unreachable(ms))
      .then((list) => {
        setEmployees(list);
        setNotice(null);
      })
      .catch(report);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service?.id]);

  const employeeIds = useMemo(
    () => (staff === 'any' ? employees.map((e) => e.id) : staff !== null ? [staff] : []),
    [staff, employees],
  );
  const live = useLiveSlots({ date, serviceId: service?.id ?? 0, employeeIds, clientId, selected, active: step >= 4 && step <= 6 });

  useEffect(() => onLinkMode(live.mode, live.storageMode), [live.mode, live.storageMode, onLinkMode]);
  useEffect(() => {
    if (live.mode === 'offline' && live.retryInMs !== null)
      setNotice({ kind: 'warning', text: `The booking server cannot be reached. Retrying in ${Math.ceil(live.retryInMs / 1000)} s…` });
    else setNotice((n) => (n?.text.startsWith('The booking server cannot be reached') ? null : n));
  }, [live.mode, live.retryInMs]);

  // A held slot is released when the visitor leaves the page; the lock's TTL is only the safety net.
  const lockRef = useRef(lock);
  lockRef.current = lock;
  useEffect(() => {
    const onLeave = () => {
      if (lockRef.current) api.releaseLockOnUnload(lockRef.current.token, clientId);
    };
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      onLeave();
    };
  }, [clientId]);

  function unreachable(ms: number) {
    setNotice({ kind: 'warning', text: `The booking server cannot be reached. Retrying in ${Math.ceil(ms / 1000)} s…` });
  }

  function report(error: unknown) {
    if ((error as Error)?.name === 'AbortError') return;
    if (isTransient(error)) setNotice({ kind: 'error', text: 'The booking server cannot be reached. Please check your connection and try again.' });
    else if (error instanceof ApiError) setNotice({ kind: 'error', text: error.message });
    else setNotice({ kind: 'error', text: 'Something went wrong. Please try again.' });
  }

  const employeeName = (id: number | undefined) => employees.find((e) => e.id === id)?.name ?? 'Any available';

  function slotLost(text: string) {
    setLock(null);
    setSelected(null);
    setNotice({ kind: 'warning', text });
    go(4);
    void live.refresh();
  }

  function releaseSelection() {
    if (selected && date) api.deselectSlot({ date, employeeId: selected.employeeId, time: selected.time, clientId }).catch(() => undefined);
    setSelected(null);
  }

  async function pickSlot(slot: SlotView) {
    if (!date || selected?.time === slot.time) return;
    releaseSelection();
    setPickingTime(slot.time);
    try {
      await api.selectSlot({ date, employeeId: slot.employeeId, time: slot.time, clientId });
      setSelected({ employeeId: slot.employeeId, time: slot.time });
      setNotice(null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ kind: 'warning', text: `Sorry, ${slot.time} was just taken by someone else. Please pick another time.` });
        void live.refresh();
      } else report(error);
    } finally {
      setPickingTime(null);
    }
  }

  async function enterReview() {
    if (!date || !selected) return;
    go(6);
    setLocking(true);
    setIdempotencyKey(newId());
    try {
      const taken = await withRetry(() => api.lockSlot({ date, employeeId: selected.employeeId, time: selected.time, clientId }), isTransient, unreachable);
      setLock({ token: taken.lockToken, expiresAt: taken.expiresAt });
      setNotice(null);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 410))
        slotLost(`Sorry, ${selected.time} was just taken by someone else. Please pick another time.`);
      else report(error);
    } finally {
      setLocking(false);
    }
  }

  function leaveReview() {
    if (lock) api.releaseLock(lock.token, clientId).catch(() => undefined);
    setLock(null);
    go(rescheduling ? 4 : 5);
  }

  function holdExpired() {
    slotLost('Your hold on this time expired. Please pick a time again.');
  }

  async function confirm() {
    if (!date || !selected || !service || !details) return;
    setSubmitting(true);
    try {
      const result = rescheduling
        ? await withRetry(
            () => api.rescheduleAppointment(rescheduling.id, { date, time: selected.time, employeeId: selected.employeeId, lockToken: lock?.token ?? null, clientId }),
            isTransient,
            unreachable,
          )
        : await withRetry(
            () =>
              api.createAppointment(
                {
                  serviceId: service.id,
                  employeeId: selected.employeeId,
                  date,
                  time: selected.time,
                  lockToken: lock?.token ?? null,
                  customer: { name: details.name, email: details.email, phone: details.phone || null },
                  notes: details.notes || null,
                },
                idempotencyKey,
              ),
            isTransient,
            unreachable,
          );
      setLock(null);
      setSelected(null);
      setNotice(null);
      if (mode.kind === 'reschedule') mode.onDone(result);
      else {
        setBooked(result);
        go(7);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) slotLost(`Sorry, ${selected.time} was just booked by someone else. Please pick another time.`);
      else if (error instanceof ApiError && error.status === 410) holdExpired();
      else if (error instanceof ApiError && error.status === 422 && !rescheduling) {
        setServerErrors(error.fieldErrors());
        setLock(null);
        setNotice({ kind: 'error', text: 'Please check your details.' });
        go(5);
      } else report(error);
    } finally {
      setSubmitting(false);
    }
  }

  function restart() {
    setService(null);
    setStaff(null);
    setDate(null);
    setSelected(null);
    setDetails(null);
    setBooked(null);
    setServerErrors({});
    go(1);
  }

  const firstStep: Step = rescheduling ? 3 : 1;
  const heading = (s: Step) => (
    <StepHeading focus={moved} step={s < 7 ? `Step ${s} of 6` : undefined}>
      {rescheduling && s === 6 ? 'Review the new time' : stepTitles[s]}
    </StepHeading>
  );

  return (
    <section className="ae-flow" aria-label={rescheduling ? 'Reschedule booking' : 'Book an appointment'} data-step={step}>
      <Steps current={step} first={firstStep} skip={rescheduling ? [5] : []} />
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      {step === 1 && (
        <>
          {heading(1)}
          <ChooseService
            services={services}
            selectedId={service?.id ?? null}
            onChoose={(s) => {
              if (s.id !== service?.id) {
                setEmployees([]);
                setStaff(null);
                setDate(null);
              }
              setService(s);
              go(2);
            }}
          />
        </>
      )}
      {step === 2 && (
        <>
          {heading(2)}
          <ChooseStaff
            employees={employees}
            selected={staff}
            onChoose={(c) => {
              setStaff(c);
              go(3);
            }}
          />
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => go(1)}>
              Back
            </button>
          </div>
        </>
      )}
      {step === 3 && service && (
        <>
          {heading(3)}
          {employeeIds.length > 0 ? (
            <PickDate
              serviceId={service.id}
              employeeIds={employeeIds}
              selected={date}
              onError={report}
              onSelect={(d) => {
                setDate(d);
                go(4);
              }}
            />
          ) : (
            <p className="ae-muted">Loading…</p>
          )}
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => (rescheduling ? mode.kind === 'reschedule' && mode.onCancel() : go(2))}>
              {rescheduling ? 'Cancel' : 'Back'}
            </button>
          </div>
        </>
      )}
      {step === 4 && (
        <>
          {heading(4)}
          <p className="ae-muted">
            {service?.name} with {staff === 'any' ? 'any available' : employeeName(staff ?? undefined)} on {date ? format(parseISO(date), 'EEEE d MMMM') : ''}
          </p>
          {live.loading && live.slots.length === 0 ? <p className="ae-muted">Loading times…</p> : <SlotGrid slots={live.slots} onPick={pickSlot} busyTime={pickingTime} />}
          <div className="ae-actions">
            <button
              type="button"
              className="ae-btn ae-btn-ghost"
              onClick={() => {
                releaseSelection();
                go(3);
              }}
            >
              Back
            </button>
            <button
              type="button"
              className="ae-btn ae-btn-primary"
              disabled={!selected}
              onClick={() => {
                setNotice(null);
                if (rescheduling) void enterReview();
                else go(5);
              }}
            >
              {selected ? `Continue with ${selected.time}` : 'Pick a time to continue'}
            </button>
          </div>
        </>
      )}
      {step === 5 && (
        <>
          {heading(5)}
          <DetailsForm
            initial={details ?? emptyDetails}
            serverErrors={serverErrors}
            onBack={() => go(4)}
            onSubmit={(d) => {
              setDetails(d);
              setServerErrors({});
              setNotice(null);
              void enterReview();
            }}
          />
        </>
      )}
      {step === 6 && service && date && selected && (
        <>
          {heading(6)}
          <Review
            serviceName={service.name}
            durationMinutes={service.durationMinutes}
            staffName={employeeName(selected.employeeId)}
            date={date}
            time={selected.time}
            details={details}
            expiresAt={lock?.expiresAt ?? null}
            serverOffsetMs={live.serverOffsetMs}
            locking={locking}
            submitting={submitting}
            confirmLabel={rescheduling ? 'Confirm new time' : 'Confirm booking'}
            onConfirm={confirm}
            onBack={leaveReview}
            onExpired={holdExpired}
          />
        </>
      )}
      {step === 7 && booked && service && (
        <>
          {heading(7)}
          <Confirmation
            appointment={booked}
            serviceName={service.name}
            staffName={employeeName(booked.employeeId)}
            businessName={businessHours?.businessName ?? 'AppointEase'}
            manageUrl={manageUrlFor(booked)}
            onAnother={restart}
          />
        </>
      )}
    </section>
  );
}
