import { combineEmployees, describeChanges, liveDayFromHeartbeat, mergeSlots, normaliseTime, stateFromStatus } from './slots';

const me = { clientId: 'me-client-1', selectedTime: null };
const base = [
  { time: '09:00', status: 'available' },
  { time: '09:30', status: 'available' },
  { time: '10:00', status: 'locked' },
  { time: '10:30', status: 'booked' },
];

describe('slot states', () => {
  it('maps the availability statuses to the four live states', () => {
    expect(stateFromStatus('available')).toBe('available');
    expect(stateFromStatus('selected')).toBe('looking');
    expect(stateFromStatus('locked')).toBe('held');
    expect(stateFromStatus('booked')).toBe('booked');
    expect(stateFromStatus('Something-new')).toBe('booked');
  });

  it('shows the base states when no heartbeat arrived yet', () => {
    expect(mergeSlots(base, null, me, 1).map((s) => s.state)).toEqual(['available', 'available', 'held', 'booked']);
  });

  it('lets the live overlay win over the older base, freeing holds that ended', () => {
    const live = { looking: new Set(['09:00']), held: new Set<string>(), booked: new Set(['09:30', '10:30']) };
    expect(mergeSlots(base, live, me, 1).map((s) => s.state)).toEqual(['looking', 'booked', 'available', 'booked']);
  });

  it('shows my own pick as mine, but not when it got booked under me', () => {
    const live = { looking: new Set<string>(), held: new Set<string>(), booked: new Set(['09:30']) };
    expect(mergeSlots(base, live, { ...me, selectedTime: '09:00' }, 1)[0]!.state).toBe('mine');
    expect(mergeSlots(base, live, { ...me, selectedTime: '09:30' }, 1)[1]!.state).toBe('booked');
  });

  it('reads heartbeat markers as strings or objects and leaves out my own', () => {
    const live = liveDayFromHeartbeat(
      {
        activeSelections: [{ time: '09:00', clientId: 'me-client-1' }, { time: '09:30', clientId: 'other-client' }],
        lockedSlots: ['10:00:00'],
        bookedSlots: [{ time: '10:30' }],
      },
      'me-client-1',
    );
    expect([...live.looking]).toEqual(['09:30']);
    expect([...live.held]).toEqual(['10:00']);
    expect([...live.booked]).toEqual(['10:30']);
  });

  it('normalises times to HH:mm', () => {
    expect(normaliseTime('9:00')).toBe('09:00');
    expect(normaliseTime('14:30:00')).toBe('14:30');
  });

  it('for any available staff, offers a time if one employee is free and names that employee', () => {
    const a = mergeSlots([{ time: '09:00', status: 'booked' }, { time: '09:30', status: 'booked' }], null, me, 1);
    const b = mergeSlots([{ time: '09:00', status: 'available' }, { time: '09:30', status: 'locked' }], null, me, 2);
    const combined = combineEmployees([a, b]);
    expect(combined).toEqual([
      { time: '09:00', state: 'available', employeeId: 2 },
      { time: '09:30', state: 'held', employeeId: 2 },
    ]);
  });

  it('describes changes for the live region, ignoring my own pick', () => {
    const before = [
      { time: '09:00', state: 'available' as const, employeeId: 1 },
      { time: '09:30', state: 'available' as const, employeeId: 1 },
    ];
    const after = [
      { time: '09:00', state: 'held' as const, employeeId: 1 },
      { time: '09:30', state: 'mine' as const, employeeId: 1 },
    ];
    expect(describeChanges(before, after)).toEqual([{ time: '09:00', state: 'held' }]);
  });
});
