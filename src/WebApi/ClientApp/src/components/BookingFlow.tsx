import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppointmentResponse, type BusinessHours, type Service } from '../api/endpoints';
import { ApiError, isTransient } from '../api/problem';
import { withRetry } from '../lib/backoff';
import { newId } from '../lib/clientId';
import type { LinkMode } from '../lib/heartbeat';
import type { SlotView } from '../lib/slots';
import type { Details } from '../lib/validation';
import { useLiveSlots } from '../hooks/useLiveSlots';
import { useLocale } from '../i18n/LocaleContext';
import { flowReducer, initialFlow, type FlowEvent, type Step } from './booking/flow';
import { Notice } from './Notice';
import { StepHeading } from './StepHeading';
import { ChooseService } from './steps/ChooseService';
import { ChooseStaff } from './steps/ChooseStaff';
import { Confirmation } from './steps/Confirmation';
import { DetailsForm } from './steps/DetailsForm';
import { PickDate } from './steps/PickDate';
import { PickTime } from './steps/PickTime';
import { Review } from './steps/Review';
import { Steps } from './Steps';

export type { Step } from './booking/flow';

export type FlowMode =
  | { kind: 'book' }
  | { kind: 'reschedule'; appointment: AppointmentResponse; onDone: (updated: AppointmentResponse) => void; onCancel: () => void };

export interface BookingFlowProps {
  services: Service[];
  businessHours: BusinessHours | null;
  clientId: string;
  mode: FlowMode;
  manageUrlFor: (appointment: AppointmentResponse) => string | null;
  onLinkMode: (mode: LinkMode, storageMode: string | null, streaming?: boolean) => void;
}

const emptyDetails: Details = { name: '', email: '', phone: '', notes: '' };

/**
 * The 7-step booking (and, with mode "reschedule", steps 3–6 for an existing appointment). State lives in
 * booking/flow.ts (a reducer); this component runs the API calls, dispatches their outcomes and shows one step.
 */
export function BookingFlow({ services, businessHours, clientId, mode, manageUrlFor, onLinkMode }: BookingFlowProps) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const rescheduling = mode.kind === 'reschedule' ? mode.appointment : null;
  const [state, dispatch] = useReducer(flowReducer, null, () => initialFlow(services, rescheduling, newId()));
  const { step, service, employees, staff, date, selected, details, lock } = state;

  const unreachable = useCallback(
    (ms: number) =>
      dispatch({ type: 'notice', notice: { kind: 'warning', text: t('common.unreachableRetry', { seconds: Math.ceil(ms / 1000) }), unreachable: true } }),
    [t],
  );
  const report = useCallback(
    (error: unknown) => {
      if (!(error instanceof Error && error.name === 'AbortError')) dispatch(reportEvent(error, t));
    },
    [t],
  );

  const serviceId = service?.id;
  useEffect(() => {
    if (serviceId === undefined) return;
    const controller = new AbortController();
    withRetry(() => api.employees(serviceId, controller.signal), isTransient, unreachable)
      .then((list) => dispatch({ type: 'employeesLoaded', employees: list }))
      .catch(report);
    return () => controller.abort();
  }, [serviceId, unreachable, report]);

  const employeeIds = useMemo(() => (staff === 'any' ? employees.map((e) => e.id) : staff !== null ? [staff] : []), [staff, employees]);
  const live = useLiveSlots({ date, serviceId: service?.id ?? 0, employeeIds, clientId, selected, active: step >= 4 && step <= 6 });

  useEffect(() => onLinkMode(live.mode, live.storageMode, live.streaming), [live.mode, live.storageMode, live.streaming, onLinkMode]);
  useEffect(() => {
    if (live.mode === 'offline' && live.retryInMs !== null) unreachable(live.retryInMs);
    else dispatch({ type: 'reachable' });
  }, [live.mode, live.retryInMs, unreachable]);

  // A held slot is released when the visitor leaves the page; the lock's TTL is only the safety net.
  const lockRef = useRef(lock);
  useEffect(() => {
    lockRef.current = lock;
  }, [lock]);
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

  const employeeName = (id: number | undefined) => employees.find((e) => e.id === id)?.name ?? t('staff.any');

  function slotLost(text: string) {
    // Let go of the selection at once: others would otherwise see the lost time as "someone is looking" until it expires.
    if (selected && date) api.deselectSlot({ date, employeeId: selected.employeeId, time: selected.time, clientId }).catch(() => undefined);
    dispatch({ type: 'slotLost', text });
    void live.refresh();
  }

  function releaseSelection() {
    if (selected && date) api.deselectSlot({ date, employeeId: selected.employeeId, time: selected.time, clientId }).catch(() => undefined);
    dispatch({ type: 'selectionReleased' });
  }

  async function pickSlot(slot: SlotView) {
    if (!date || selected?.time === slot.time) return;
    releaseSelection();
    dispatch({ type: 'slotPicking', time: slot.time });
    try {
      await api.selectSlot({ date, employeeId: slot.employeeId, time: slot.time, clientId });
      dispatch({ type: 'slotSelected', slot: { employeeId: slot.employeeId, time: slot.time } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        dispatch({ type: 'notice', notice: { kind: 'warning', text: t('time.taken', { time: slot.time }) } });
        void live.refresh();
      } else report(error);
    } finally {
      dispatch({ type: 'slotPickEnded' });
    }
  }

  async function enterReview() {
    if (!date || !selected) return;
    dispatch({ type: 'reviewEntered', idempotencyKey: newId() });
    try {
      const taken = await withRetry(() => api.lockSlot({ date, employeeId: selected.employeeId, time: selected.time, clientId }), isTransient, unreachable);
      dispatch({ type: 'lockTaken', token: taken.lockToken, expiresAt: taken.expiresAt });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 410))
        slotLost(t('time.taken', { time: selected.time }));
      else report(error);
    } finally {
      dispatch({ type: 'lockEnded' });
    }
  }

  function leaveReview() {
    if (lock) api.releaseLock(lock.token, clientId).catch(() => undefined);
    dispatch({ type: 'reviewLeft' });
  }

  function holdExpired() {
    slotLost(t('time.holdExpired'));
  }

  async function confirm() {
    if (!date || !selected || !service || !details) return;
    dispatch({ type: 'submitStarted' });
    const lockToken = lock?.token ?? null;
    try {
      if (mode.kind === 'reschedule') {
        const moved = await withRetry(
          () => api.rescheduleAppointment(mode.appointment.id, { date, time: selected.time, employeeId: selected.employeeId, lockToken, clientId }),
          isTransient,
          unreachable,
        );
        dispatch({ type: 'rescheduled' });
        mode.onDone(moved);
      } else {
        const booking = {
          serviceId: service.id,
          employeeId: selected.employeeId,
          date,
          time: selected.time,
          lockToken,
          customer: { name: details.name, email: details.email, phone: details.phone || null },
          notes: details.notes || null,
          // The confirmation email and webhooks speak the language the visitor booked in.
          locale: language,
        };
        const booked = await withRetry(() => api.createAppointment(booking, state.idempotencyKey), isTransient, unreachable);
        dispatch({ type: 'booked', appointment: booked });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) slotLost(t('time.justBooked', { time: selected.time }));
      else if (error instanceof ApiError && error.status === 410) holdExpired();
      else if (error instanceof ApiError && error.status === 422 && !rescheduling) dispatch({ type: 'detailsRejected', errors: error.fieldErrors(), text: t('details.check') });
      else report(error);
    } finally {
      dispatch({ type: 'submitEnded' });
    }
  }

  const firstStep: Step = rescheduling ? 3 : 1;
  const heading = (s: Step) => (
    <StepHeading focus={state.moved} step={s < 7 ? t('steps.count', { step: s, total: 6 }) : undefined}>
      {rescheduling && s === 6 ? t('steps.rescheduleReview') : t(`steps.title${s}`)}
    </StepHeading>
  );
  const back = (to: Step) => dispatch({ type: 'back', to });

  return (
    <section className="ae-flow" aria-label={rescheduling ? t('steps.rescheduleSection') : t('steps.bookSection')} data-step={step}>
      <Steps current={step} first={firstStep} skip={rescheduling ? [5] : []} />
      <Notice notice={state.notice} onDismiss={() => dispatch({ type: 'notice', notice: null })} />
      {step === 1 && (
        <>
          {heading(1)}
          <ChooseService services={services} selectedId={service?.id ?? null} onChoose={(s) => dispatch({ type: 'serviceChosen', service: s })} />
        </>
      )}
      {step === 2 && (
        <>
          {heading(2)}
          <ChooseStaff employees={employees} selected={staff} onChoose={(c) => dispatch({ type: 'staffChosen', staff: c })} />
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => back(1)}>
              {t('common.back')}
            </button>
          </div>
        </>
      )}
      {step === 3 && service && (
        <>
          {heading(3)}
          {employeeIds.length > 0 ? (
            <PickDate serviceId={service.id} employeeIds={employeeIds} selected={date} onError={report} onSelect={(d) => dispatch({ type: 'dateChosen', date: d })} />
          ) : (
            <p className="ae-muted">{t('common.loading')}</p>
          )}
          <div className="ae-actions">
            <button type="button" className="ae-btn ae-btn-ghost" onClick={() => (mode.kind === 'reschedule' ? mode.onCancel() : back(2))}>
              {rescheduling ? t('common.cancel') : t('common.back')}
            </button>
          </div>
        </>
      )}
      {step === 4 && (
        <>
          {heading(4)}
          <PickTime
            serviceName={service?.name ?? ''}
            staffLabel={staff === 'any' ? t('staff.anyLower') : employeeName(staff ?? undefined)}
            date={date}
            slots={live.slots}
            loading={live.loading}
            pickingTime={state.pickingTime}
            selectedTime={selected?.time ?? null}
            onPick={pickSlot}
            onBack={() => {
              releaseSelection();
              back(3);
            }}
            onContinue={() => {
              if (rescheduling) void enterReview();
              else dispatch({ type: 'continuedToDetails' });
            }}
          />
        </>
      )}
      {step === 5 && (
        <>
          {heading(5)}
          <DetailsForm
            initial={details ?? emptyDetails}
            serverErrors={state.serverErrors}
            onBack={() => back(4)}
            onSubmit={(d) => {
              dispatch({ type: 'detailsSubmitted', details: d });
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
            locking={state.locking}
            submitting={state.submitting}
            confirmLabel={rescheduling ? t('review.confirmMove') : t('review.confirm')}
            onConfirm={confirm}
            onBack={leaveReview}
            onExpired={holdExpired}
          />
        </>
      )}
      {step === 7 && state.booked && service && (
        <>
          {heading(7)}
          <Confirmation
            appointment={state.booked}
            serviceName={service.name}
            staffName={employeeName(state.booked.employeeId)}
            businessName={businessHours?.businessName ?? 'AppointEase'}
            manageUrl={manageUrlFor(state.booked)}
            onAnother={() => dispatch({ type: 'restarted' })}
          />
        </>
      )}
    </section>
  );
}

/** How an unexpected failure is told to the visitor (an API problem's own text is the server's, in English). */
function reportEvent(error: unknown, t: TFunction): FlowEvent {
  if (isTransient(error)) return { type: 'notice', notice: { kind: 'error', text: t('common.unreachableCheck'), unreachable: true } };
  if (error instanceof ApiError) return { type: 'notice', notice: { kind: 'error', text: error.message } };
  return { type: 'notice', notice: { kind: 'error', text: t('common.somethingWrong') } };
}
