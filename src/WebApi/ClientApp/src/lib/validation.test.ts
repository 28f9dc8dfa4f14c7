import { createWidgetI18n } from '../i18n/instance';
import { isValidEmail, isValidPhone, validateDetails as validateIn } from './validation';

const { t } = createWidgetI18n('en');
const validateDetails = (d: Parameters<typeof validateIn>[0]) => validateIn(d, t);

const valid = { name: 'Erika', email: 'erika@example.com', phone: '', notes: '' };

describe('details validation (mirrors the server)', () => {
  it('accepts a complete form with optional fields empty', () => {
    expect(validateDetails(valid)).toEqual({});
  });

  it('requires a name and an email', () => {
    const errors = validateDetails({ ...valid, name: '  ', email: '' });
    expect(errors.name).toMatch(/name/);
    expect(errors.email).toMatch(/email/);
  });

  it.each(['erika@example.com', ' Erika.M@Sub.Example.org ', 'a+b@x.io'])('accepts the email %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each(['erika', '@example.com', 'a@b', 'a@@b.com', 'a@.example.com', 'a@example.com.', 'a b@example.com', 'a@ex..com', '<a@b.com>'])(
    'rejects the email %s like EmailAddress.IsValid',
    (email) => {
      expect(isValidEmail(email)).toBe(false);
    },
  );

  it('rejects a local part longer than 64 characters', () => {
    expect(isValidEmail(`${'a'.repeat(65)}@example.com`)).toBe(false);
  });

  it('accepts common phone formats and rejects letters or too few digits', () => {
    expect(isValidPhone('+49 30 1234567')).toBe(true);
    expect(isValidPhone('(030) 123-456')).toBe(true);
    expect(isValidPhone('12')).toBe(false);
    expect(isValidPhone('x'.replace('x', '1'.repeat(41)))).toBe(false);
    expect(isValidPhone('call me')).toBe(false);
  });

  it('limits notes to 2000 characters and names to one line', () => {
    expect(validateDetails({ ...valid, notes: 'x'.repeat(2001) }).notes).toBeDefined();
    expect(validateDetails({ ...valid, notes: 'line one\nline two' }).notes).toBeUndefined();
    expect(validateDetails({ ...valid, name: 'Erika\nM' }).name).toMatch(/single line/);
  });

  it('words its messages in the widget language', () => {
    const german = validateIn({ ...valid, name: '', email: 'x' }, createWidgetI18n('de').t);
    expect(german).toEqual({ name: 'Bitte geben Sie Ihren Namen ein.', email: expect.stringMatching(/gültige E-Mail-Adresse/) });
  });
});
