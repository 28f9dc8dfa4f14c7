/**
 * Client-side checks for the details step. They mirror the server so a person sees the same message before
 * submitting; the server stays the authority (its 422 `errors` are shown on the same fields).
 * Email follows Domain/Common/EmailAddress.IsValid; name/phone/notes follow ConfirmBookingValidator + CustomerRules
 * (feat/booking): name ≤ 200, one line; phone ≤ 40 of digits and + - ( ) . / space with ≥ 3 digits; notes ≤ 2000.
 * Messages come from the caller's catalogue (`t`), so this file stays free of any language.
 */
import type { TFunction } from 'i18next';

export interface Details {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export type DetailErrors = Partial<Record<keyof Details, string>>;

export const limits = { name: 200, email: 254, phone: 40, notes: 2000 } as const;

export function isValidEmail(value: string): boolean {
  const v = value.trim();
  if (!v || v.length > limits.email) return false;
  // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
  if (/[\s<>,;"()[\]\\]/.test(v) || /[\u0000-\u001f\u007f]/.test(v)) return false;
  const at = v.indexOf('@');
  if (at <= 0 || at !== v.lastIndexOf('@') || at > 64) return false;
  const domain = v.slice(at + 1);
  return domain.length >= 3 && domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('..');
}

export function isValidPhone(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  const digits = v.replace(/\D/g, '');
  return v.length <= limits.phone && /^[0-9 +()./-]+$/.test(v) && digits.length >= 3;
}

export function validateDetails(d: Details, t: TFunction): DetailErrors {
  const errors: DetailErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = t('details.nameRequired');
  else if (name.length > limits.name) errors.name = t('details.nameTooLong', { max: limits.name });
  // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
  else if (/[\u0000-\u001f\u007f-\u009f]/.test(d.name)) errors.name = t('details.nameOneLine');
  if (!d.email.trim()) errors.email = t('details.emailRequired');
  else if (!isValidEmail(d.email)) errors.email = t('details.emailInvalid');
  if (!isValidPhone(d.phone)) errors.phone = t('details.phoneInvalid', { max: limits.phone });
  if (d.notes.trim().length > limits.notes) errors.notes = t('details.notesTooLong', { max: limits.notes });
  // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(d.notes)) errors.notes = t('details.notesPlain');
  return errors;
}
