import { formatDay, formatMonth, formatPrice, weekdayNames } from './format';

describe('locale formatting', () => {
  it('writes a wire date in the locale, never shifted by a zone', () => {
    expect(formatDay('2026-12-07', 'de')).toBe('Montag, 7. Dezember 2026');
    expect(formatDay('2026-12-07', 'es')).toBe('lunes, 7 de diciembre de 2026');
    expect(formatDay('2026-12-07', 'en-US')).toBe('Monday, December 7, 2026');
  });

  it('names months and weekdays, Monday first', () => {
    expect(formatMonth(new Date(2026, 11, 1), 'de')).toBe('Dezember 2026');
    expect(weekdayNames('es')[0]).toBe('lun');
    expect(weekdayNames('en')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  it('puts the euro sign where the locale puts it', () => {
    expect(formatPrice(35, 'de').replace(/\s/g, ' ')).toBe('35,00 €');
    expect(formatPrice(35, 'en')).toBe('€35.00');
  });
});
