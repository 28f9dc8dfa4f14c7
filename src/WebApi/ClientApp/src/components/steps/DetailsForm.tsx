import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { limits, validateDetails, type DetailErrors, type Details } from '../../lib/validation';

export interface DetailsFormProps {
  initial: Details;
  serverErrors: DetailErrors;
  onSubmit: (details: Details) => void;
  onBack: () => void;
}

const fields: { key: 'name' | 'email' | 'phone'; type: string; autoComplete: string; required: boolean }[] = [
  { key: 'name', type: 'text', autoComplete: 'name', required: true },
  { key: 'email', type: 'email', autoComplete: 'email', required: true },
  { key: 'phone', type: 'tel', autoComplete: 'tel', required: false },
];

/** Validates like the server on submit (then live per field), and moves focus to the first field in error. */
export function DetailsForm({ initial, serverErrors, onSubmit, onBack }: DetailsFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Details>(initial);
  const [errors, setErrors] = useState<DetailErrors>(serverErrors);
  const [submitted, setSubmitted] = useState(Object.keys(serverErrors).length > 0);
  const form = useRef<HTMLFormElement>(null);

  const change = (key: keyof Details, value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (submitted) setErrors(validateDetails(next, t));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateDetails(values, t);
    setErrors(found);
    setSubmitted(true);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    onSubmit({ ...values, name: values.name.trim(), email: values.email.trim(), phone: values.phone.trim() });
  };

  return (
    <form ref={form} className="ae-form" noValidate onSubmit={submit}>
      {fields.map((f) => (
        <div className="ae-field" key={f.key}>
          <label htmlFor={`ae-${f.key}`}>
            {t(`details.${f.key}`)}
            {f.required && <span aria-hidden="true"> *</span>}
          </label>
          <input
            id={`ae-${f.key}`}
            name={f.key}
            type={f.type}
            autoComplete={f.autoComplete}
            required={f.required}
            maxLength={limits[f.key]}
            value={values[f.key]}
            aria-invalid={!!errors[f.key]}
            aria-describedby={errors[f.key] ? `ae-${f.key}-error` : undefined}
            onChange={(e) => change(f.key, e.target.value)}
          />
          {errors[f.key] && (
            <p className="ae-field-error" id={`ae-${f.key}-error`}>
              {errors[f.key]}
            </p>
          )}
        </div>
      ))}
      <div className="ae-field">
        <label htmlFor="ae-notes">{t('details.notes')}</label>
        <textarea
          id="ae-notes"
          name="notes"
          rows={3}
          maxLength={limits.notes}
          value={values.notes}
          aria-invalid={!!errors.notes}
          aria-describedby={errors.notes ? 'ae-notes-error' : undefined}
          onChange={(e) => change('notes', e.target.value)}
        />
        {errors.notes && (
          <p className="ae-field-error" id="ae-notes-error">
            {errors.notes}
          </p>
        )}
      </div>
      <div className="ae-actions">
        <button type="button" className="ae-btn ae-btn-ghost" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="ae-btn ae-btn-primary">
          {t('details.submit')}
        </button>
      </div>
    </form>
  );
}
