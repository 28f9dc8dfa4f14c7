import type { AppointmentResponse, Employee, Service } from '../../api/endpoints';
import type { DetailErrors, Details } from '../../lib/validation';
import type { NoticeMessage } from '../Notice';
import type { StaffChoice } from '../steps/ChooseStaff';

/**
 * The booking flow as a state machine: events in, state out, no I/O. BookingFlow runs the API calls and dispatches
 * what they answered; this file decides which step shows and what each step knows.
 */
export type Step = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface SelectedSlot {
  employeeId: number;
  time: string;
}

export interface FlowState {
  step: Step;
  /** False until the visitor moves: the first heading does not steal focus on page load. */
  moved: boolean;
  rescheduling: boolean;
  service: Service | null;
  employees: Employee[];
  staff: StaffChoice | null;
  date: string | null;
  selected: SelectedSlot | null;
  /** The time whose /slots/select call is in flight (its button shows busy). */
  pickingTime: string | null;
  details: Details | null;
  serverErrors: DetailErrors;
  lock: { token: string; expiresAt: string } | null;
  locking: boolean;
  submitting: boolean;
  /** One key per review visit: a retried confirm replays, a new visit books anew. */
  idempotencyKey: string;
  booked: AppointmentResponse | null;
  notice: NoticeMessage | null;
}

export type FlowEvent =
  | { type: 'serviceChosen'; service: Service }
  | { type: 'employeesLoaded'; employees: Employee[] }
  | { type: 'staffChosen'; staff: StaffChoice }
  | { type: 'dateChosen'; date: string }
  | { type: 'back'; to: Step }
  | { type: 'slotPicking'; time: string }
  | { type: 'slotSelected'; slot: SelectedSlot }
  | { type: 'slotPickEnded' }
  | { type: 'selectionReleased' }
  | { type: 'continuedToDetails' }
  | { type: 'detailsSubmitted'; details: Details }
  | { type: 'reviewEntered'; idempotencyKey: string }
  | { type: 'lockTaken'; token: string; expiresAt: string }
  | { type: 'lockEnded' }
  | { type: 'reviewLeft' }
  | { type: 'slotLost'; text: string }
  | { type: 'submitStarted' }
  | { type: 'submitEnded' }
  | { type: 'booked'; appointment: AppointmentResponse }
  | { type: 'rescheduled' }
  | { type: 'detailsRejected'; errors: DetailErrors; text: string }
  | { type: 'notice'; notice: NoticeMessage | null }
  | { type: 'reachable' }
  | { type: 'restarted' };

export function initialFlow(services: Service[], rescheduling: AppointmentResponse | null, idempotencyKey: string): FlowState {
  return {
    step: rescheduling ? 3 : 1,
    moved: false,
    rescheduling: rescheduling !== null,
    service: services.find((s) => s.id === rescheduling?.serviceId) ?? null,
    employees: [],
    staff: rescheduling ? rescheduling.employeeId : null,
    date: null,
    selected: null,
    pickingTime: null,
    details: rescheduling
      ? { name: rescheduling.customer.name, email: rescheduling.customer.email, phone: rescheduling.customer.phone ?? '', notes: rescheduling.notes ?? '' }
      : null,
    serverErrors: {},
    lock: null,
    locking: false,
    submitting: false,
    idempotencyKey,
    booked: null,
    notice: null,
  };
}

const go = (state: FlowState, step: Step): FlowState => ({ ...state, step, moved: true });

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'serviceChosen':
      return event.service.id === state.service?.id
        ? go({ ...state, service: event.service }, 2)
        : go({ ...state, service: event.service, employees: [], staff: null, date: null }, 2);
    case 'employeesLoaded':
      return { ...state, employees: event.employees, notice: null };
    case 'staffChosen':
      return go({ ...state, staff: event.staff }, 3);
    case 'dateChosen':
      return go({ ...state, date: event.date }, 4);
    case 'back':
      return go(state, event.to);
    case 'slotPicking':
      return { ...state, pickingTime: event.time };
    case 'slotSelected':
      return { ...state, selected: event.slot, notice: null };
    case 'slotPickEnded':
      return { ...state, pickingTime: null };
    case 'selectionReleased':
      return { ...state, selected: null };
    case 'continuedToDetails':
      return go({ ...state, notice: null }, 5);
    case 'detailsSubmitted':
      return { ...state, details: event.details, serverErrors: {}, notice: null };
    case 'reviewEntered':
      return go({ ...state, locking: true, idempotencyKey: event.idempotencyKey, notice: null }, 6);
    case 'lockTaken':
      return { ...state, lock: { token: event.token, expiresAt: event.expiresAt }, notice: null };
    case 'lockEnded':
      return { ...state, locking: false };
    case 'reviewLeft':
      return go({ ...state, lock: null }, state.rescheduling ? 4 : 5);
    case 'slotLost':
      return go({ ...state, lock: null, selected: null, notice: { kind: 'warning', text: event.text } }, 4);
    case 'submitStarted':
      return { ...state, submitting: true };
    case 'submitEnded':
      return { ...state, submitting: false };
    case 'booked':
      return go({ ...state, lock: null, selected: null, notice: null, booked: event.appointment }, 7);
    case 'rescheduled':
      return { ...state, lock: null, selected: null, notice: null };
    case 'detailsRejected':
      return go({ ...state, serverErrors: event.errors, lock: null, notice: { kind: 'error', text: event.text } }, 5);
    case 'notice':
      return { ...state, notice: event.notice };
    case 'reachable':
      return state.notice?.unreachable ? { ...state, notice: null } : state;
    case 'restarted':
      return go({ ...state, service: null, staff: null, date: null, selected: null, details: null, booked: null, serverErrors: {} }, 1);
  }
}
