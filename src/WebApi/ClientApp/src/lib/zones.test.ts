import { businessToday, instantOf, visitorWallTime, wallTimeIn } from './zones';

describe('business time and the visitor time', () => {
  it('reads a Berlin wall time as its instant, DST included', () => {
    expect(instantOf({ date: '2026-12-07', time: '16:00' }, 'Europe/Berlin').toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(instantOf({ date: '2026-07-07', time: '16:00' }, 'Europe/Berlin').toISOString()).toBe('2026-07-07T14:00:00.000Z');
  });

  it('shows the same moment on a New York clock, on the previous day when it crosses midnight', () => {
    expect(visitorWallTime({ date: '2026-12-07', time: '16:00' }, 'Europe/Berlin', 'America/New_York')).toEqual({ date: '2026-12-07', time: '10:00' });
    expect(visitorWallTime({ date: '2026-12-07', time: '03:30' }, 'Europe/Berlin', 'America/New_York')).toEqual({ date: '2026-12-06', time: '21:30' });
  });

  it('says nothing when the clocks read the same (same zone, or another zone with the same offset)', () => {
    expect(visitorWallTime({ date: '2026-12-07', time: '16:00' }, 'Europe/Berlin', 'Europe/Berlin')).toBeNull();
    expect(visitorWallTime({ date: '2026-12-07', time: '16:00' }, 'Europe/Berlin', 'Europe/Paris')).toBeNull();
    expect(visitorWallTime({ date: '2026-12-07', time: '16:00' }, null, 'America/New_York')).toBeNull();
  });

  it('takes "today" from the business clock', () => {
    const lateInNewYork = new Date('2026-12-07T23:30:00-05:00'); // already 8 December in Berlin
    expect(businessToday('Europe/Berlin', lateInNewYork)).toBe('2026-12-08');
    expect(wallTimeIn(lateInNewYork, 'America/New_York')).toEqual({ date: '2026-12-07', time: '23:30' });
  });
});
