import { buildIcs, zonedToUtc } from './ics';

describe('calendar file', () => {
  it('converts business wall-clock time to UTC across daylight saving', () => {
    expect(zonedToUtc('2026-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToUtc('2026-12-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('builds one VEVENT with UTC start and end and escaped text', () => {
    const ics = buildIcs(
      { uid: 'AE-1@appointease', title: 'Haircut, short', description: 'Ref AE-1', start: new Date('2026-12-01T08:00:00Z'), durationMinutes: 30 },
      new Date('2026-11-23T10:00:00Z'),
    );
    expect(ics).toContain('BEGIN:VEVENT\r\n');
    expect(ics).toContain('DTSTART:20261201T080000Z');
    expect(ics).toContain('DTEND:20261201T083000Z');
    expect(ics).toContain('SUMMARY:Haircut\\, short');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
