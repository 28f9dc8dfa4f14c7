import type { components } from './schema';
import type {
  AppointmentResponse,
  CreateAppointmentRequest,
  HeartbeatRequest,
  HeartbeatResponse,
  LockSlotResponse,
  OtpVerifyResponse,
  RescheduleAppointmentRequest,
  SelectSlotResponse,
  SlotRequest,
} from './contract';
import { apiUrl, getJson, query, request } from './http';

// Generated from openapi.json: a contract change breaks the build here, not at run time.
export type Service = components['schemas']['ServiceDto'];
export type Employee = components['schemas']['EmployeeDto'];
export type BusinessHours = components['schemas']['BusinessHoursDto'];
export type DayAvailability = components['schemas']['DayAvailabilityDto'];
export type SlotDto = components['schemas']['SlotDto'];

export type { AppointmentResponse, HeartbeatResponse, SlotRequest, CreateAppointmentRequest } from './contract';

const v1 = '/api/v1';

export const api = {
  services: (signal?: AbortSignal) => getJson<Service[]>(`${v1}/services`, signal),
  employees: (serviceId: number, signal?: AbortSignal) => getJson<Employee[]>(`${v1}/employees${query({ serviceId })}`, signal),
  businessHours: (signal?: AbortSignal) => getJson<BusinessHours>(`${v1}/business-hours`, signal),
  availabilityDay: (date: string, employeeId: number, serviceId: number, signal?: AbortSignal) =>
    getJson<DayAvailability>(`${v1}/availability${query({ date, employeeId, serviceId })}`, signal),
  availabilityRange: (from: string, to: string, employeeId: number, serviceId: number, signal?: AbortSignal) =>
    getJson<DayAvailability[]>(`${v1}/availability${query({ from, to, employeeId, serviceId })}`, signal),

  selectSlot: async (body: SlotRequest) => (await request<SelectSlotResponse>(`${v1}/slots/select`, { method: 'POST', body })).data!,
  deselectSlot: async (body: SlotRequest) => {
    await request<void>(`${v1}/slots/deselect`, { method: 'POST', body });
  },
  lockSlot: async (body: SlotRequest) => (await request<LockSlotResponse>(`${v1}/slots/lock`, { method: 'POST', body })).data!,
  releaseLock: async (lockToken: string, clientId: string) => {
    await request<void>(`${v1}/slots/lock/${encodeURIComponent(lockToken)}${query({ clientId })}`, { method: 'DELETE' });
  },
  /** Fire-and-forget release that survives page unload (fetch keepalive). */
  releaseLockOnUnload: (lockToken: string, clientId: string) => {
    try {
      void fetch(apiUrl(`${v1}/slots/lock/${encodeURIComponent(lockToken)}${query({ clientId })}`), { method: 'DELETE', keepalive: true });
    } catch {
      /* the lock's TTL frees it anyway */
    }
  },
  heartbeat: (body: HeartbeatRequest, etag: string | null, signal?: AbortSignal) =>
    request<HeartbeatResponse>(`${v1}/heartbeat`, { method: 'POST', body, signal, headers: etag ? { 'If-None-Match': etag } : {} }),

  createAppointment: async (body: CreateAppointmentRequest, idempotencyKey: string) =>
    (await request<AppointmentResponse>(`${v1}/appointments`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } })).data!,
  getAppointment: (id: string | number, signal?: AbortSignal) => getJson<AppointmentResponse>(`${v1}/appointments/${id}`, signal),
  myAppointments: (signal?: AbortSignal) => getJson<AppointmentResponse[]>(`${v1}/appointments`, signal),
  rescheduleAppointment: async (id: string | number, body: RescheduleAppointmentRequest) =>
    (await request<AppointmentResponse>(`${v1}/appointments/${id}`, { method: 'PUT', body })).data!,
  cancelAppointment: async (id: string | number) => {
    await request<void>(`${v1}/appointments/${id}`, { method: 'DELETE' });
  },

  requestOtp: async (email: string) => {
    await request<void>(`${v1}/auth/otp`, { method: 'POST', body: { email } });
  },
  verifyOtp: async (email: string, code: string) =>
    (await request<OtpVerifyResponse>(`${v1}/auth/otp/verify`, { method: 'POST', body: { email, code } })).data!,
};
