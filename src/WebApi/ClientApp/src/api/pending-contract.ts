/**
 * PENDING CONTRACT — hand-written types for endpoints that are NOT yet in openapi.json on this branch
 * (slots/heartbeat from feat/slots, appointments from feat/booking, auth/OTP from feat/identity).
 * They follow the contracts fixed by those issues. After those branches merge: run `npm run gen:api`,
 * replace every type below with `components['schemas'][...]` / `paths[...]` from ./schema, and delete this file.
 * Nothing outside src/api imports from here directly; use ./endpoints.
 */

export interface SlotRequest {
  date: string;
  employeeId: number;
  time: string;
  clientId: string;
}
export interface SelectSlotResponse {
  expiresInSeconds: number;
}
export interface LockSlotResponse {
  lockToken: string;
  expiresAt: string;
}

export interface HeartbeatRequest {
  date: string;
  employeeId: number;
  clientId: string;
  selectedTime?: string | null;
}

/** feat/slots sends "HH:mm" strings, leaving out the caller's own selection and lock. */
export interface HeartbeatResponse {
  activeSelections: string[];
  bookedSlots: string[];
  lockedSlots: string[];
  redisStatus?: string;
  storageMode?: string;
  serverTime?: string;
  heartbeatIntervalMs?: number;
}

export interface CustomerDetails {
  name: string;
  email: string;
  phone?: string | null;
}

export interface CreateAppointmentRequest {
  serviceId: number;
  employeeId: number;
  date: string;
  time: string;
  lockToken?: string | null;
  customer: CustomerDetails;
  notes?: string | null;
}

export interface AppointmentResponse {
  id: number | string;
  reference: string;
  status: string;
  serviceId: number;
  employeeId: number;
  date: string;
  time: string;
  endTime?: string;
  customer: CustomerDetails;
  notes?: string | null;
  /** Only in the response that created the appointment. Authorises changes via the X-Manage-Token header. */
  manageToken?: string;
}

export interface RescheduleAppointmentRequest {
  date: string;
  time: string;
  employeeId: number;
  lockToken?: string | null;
  clientId?: string | null;
}

export interface OtpRequest {
  email: string;
}
export interface OtpVerifyRequest {
  email: string;
  code: string;
}
export interface OtpVerifyResponse {
  token: string;
  expiresAt: string;
}
