import type { components } from './schema';
import type {
  CreateAppointmentRequest,
  HeartbeatRequest,
  HeartbeatResponse,
  RescheduleAppointmentRequest,
  SlotRequest,
} from './contract';
import { apiUrl, body, client, send } from './http';

// Generated from openapi.json: a contract change breaks the build here, not at run time.
export type Service = components['schemas']['ServiceDto'];
export type Employee = components['schemas']['EmployeeDto'];
export type BusinessHours = components['schemas']['BusinessHoursDto'];
export type DayAvailability = components['schemas']['DayAvailabilityDto'];
export type SlotDto = components['schemas']['SlotDto'];

export type { AppointmentResponse, HeartbeatResponse, SlotRequest, CreateAppointmentRequest } from './contract';

/** What a heartbeat round needs besides the body: 304 (no body) and the ETag header. */
export interface HeartbeatResult {
  status: number;
  data: HeartbeatResponse | undefined;
  headers: Headers;
}

/**
 * The document types /availability's 200 as one day (date=) or a list of days (from/to). Narrow at run time to the
 * shape the call asked for.
 */
function oneDay(answer: DayAvailability[] | DayAvailability): DayAvailability {
  return Array.isArray(answer) ? body(answer[0]) : answer;
}

function manyDays(answer: DayAvailability[] | DayAvailability): DayAvailability[] {
  return Array.isArray(answer) ? answer : [answer];
}

export const api = {
  services: async (signal?: AbortSignal) => body((await send(() => client().GET('/api/v1/services', { signal }))).data),
  employees: async (serviceId: number, signal?: AbortSignal) =>
    body((await send(() => client().GET('/api/v1/employees', { params: { query: { serviceId } }, signal }))).data),
  businessHours: async (signal?: AbortSignal) => body((await send(() => client().GET('/api/v1/business-hours', { signal }))).data),
  availabilityDay: async (date: string, employeeId: number, serviceId: number, signal?: AbortSignal) =>
    oneDay(body((await send(() => client().GET('/api/v1/availability', { params: { query: { date, employeeId, serviceId } }, signal }))).data)),
  availabilityRange: async (from: string, to: string, employeeId: number, serviceId: number, signal?: AbortSignal) =>
    manyDays(body((await send(() => client().GET('/api/v1/availability', { params: { query: { from, to, employeeId, serviceId } }, signal }))).data)),

  selectSlot: async (slot: SlotRequest) => body((await send(() => client().POST('/api/v1/slots/select', { body: slot }))).data),
  deselectSlot: async (slot: SlotRequest) => {
    await send(() => client().POST('/api/v1/slots/deselect', { body: slot }));
  },
  lockSlot: async (slot: SlotRequest) => body((await send(() => client().POST('/api/v1/slots/lock', { body: slot }))).data),
  releaseLock: async (lockToken: string, clientId: string) => {
    await send(() => client().DELETE('/api/v1/slots/lock/{lockToken}', { params: { path: { lockToken }, query: { clientId } } }));
  },
  /** Fire-and-forget release that survives page unload (fetch keepalive). */
  releaseLockOnUnload: (lockToken: string, clientId: string) => {
    try {
      void fetch(apiUrl(`/api/v1/slots/lock/${encodeURIComponent(lockToken)}?${new URLSearchParams({ clientId })}`), { method: 'DELETE', keepalive: true });
    } catch {
      /* the lock's TTL frees it anyway */
    }
  },
  heartbeat: async (beat: HeartbeatRequest, etag: string | null, signal?: AbortSignal): Promise<HeartbeatResult> => {
    const { data, response } = await send(() =>
      client().POST('/api/v1/heartbeat', { body: beat, signal, headers: etag ? { 'If-None-Match': etag } : {} }),
    );
    return { status: response.status, data, headers: response.headers };
  },

  createAppointment: async (booking: CreateAppointmentRequest, idempotencyKey: string) =>
    body((await send(() => client().POST('/api/v1/appointments', { body: booking, headers: { 'Idempotency-Key': idempotencyKey } }))).data),
  getAppointment: async (id: string | number, signal?: AbortSignal) =>
    body((await send(() => client().GET('/api/v1/appointments/{id}', { params: { path: { id: Number(id) } }, signal }))).data),
  /** The server's .ics for the appointment (one writer for emails and this download; see docs/decisions/093). */
  appointmentCalendar: async (id: number, manageToken: string | null, signal?: AbortSignal) =>
    body(
      (
        await send(() =>
          client().GET('/api/v1/appointments/{id}/calendar', {
            params: { path: { id }, header: manageToken ? { 'X-Manage-Token': manageToken } : {} },
            parseAs: 'text',
            signal,
          }),
        )
      ).data,
    ),
  myAppointments: async (signal?: AbortSignal) => body((await send(() => client().GET('/api/v1/appointments', { signal }))).data),
  rescheduleAppointment: async (id: string | number, move: RescheduleAppointmentRequest) =>
    body((await send(() => client().PUT('/api/v1/appointments/{id}', { params: { path: { id: Number(id) } }, body: move }))).data),
  cancelAppointment: async (id: string | number) => {
    await send(() => client().DELETE('/api/v1/appointments/{id}', { params: { path: { id: Number(id) } } }));
  },

  requestOtp: async (email: string) => {
    await send(() => client().POST('/api/v1/auth/otp', { body: { email } }));
  },
  verifyOtp: async (email: string, code: string) => body((await send(() => client().POST('/api/v1/auth/otp/verify', { body: { email, code } }))).data),
};
