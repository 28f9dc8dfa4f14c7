/**
 * The slots, appointments and auth contract, now from the generated schema (./schema, from openapi.json).
 * Kept as aliases under the names the widget already uses, so endpoints.ts and the components stay unchanged.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type SlotRequest = Schemas['SelectSlotCommand'];
export type SelectSlotResponse = Schemas['SelectionDto'];
export type LockSlotResponse = Schemas['SlotLockDto'];
export type HeartbeatRequest = Schemas['GetHeartbeatSnapshotQuery'];
export type HeartbeatResponse = Schemas['HeartbeatSnapshot'];
/** Heartbeat arrays hold "HH:mm" strings; the caller's own selection and lock are already left out by the server. */
export type SlotMarker = HeartbeatResponse['activeSelections'][number];
export type CustomerDetails = Schemas['CustomerDto'];
export type CreateAppointmentRequest = Schemas['ConfirmBookingRequest'];
export type AppointmentResponse = Schemas['AppointmentDto'];
export type RescheduleAppointmentRequest = Schemas['RescheduleRequest'];
export type OtpRequest = Schemas['RequestOtpCommand'];
export type OtpVerifyRequest = Schemas['VerifyOtpCommand'];
export type OtpVerifyResponse = Schemas['IssuedSession'];
