import type { AppointmentResponse, Service } from '../../api/endpoints';
import { flowReducer, initialFlow, type FlowEvent, type FlowState } from './flow';

const haircut: Service = { id: 1, name: 'Haircut', durationMinutes: 30, price: 35 };
const colour: Service = { id: 2, name: 'Colour', durationMinutes: 90, price: 80 };
const run = (state: FlowState, ...events: FlowEvent[]) => events.reduce(flowReducer, state);
const fresh = () => initialFlow([haircut, colour], null, 'key-1');

describe('booking flow reducer', () => {
  it('starts at step 1 without focus moves, or at step 3 with the appointment when rescheduling', () => {
    expect(fresh()).toMatchObject({ step: 1, moved: false, service: null, staff: null });
    const appointment = { serviceId: 2, employeeId: 7, customer: { name: 'Ada', email: 'ada@example.com', phone: null }, notes: null } as unknown as AppointmentResponse;
    expect(initialFlow([haircut, colour], appointment, 'k')).toMatchObject({
      step: 3,
      rescheduling: true,
      service: colour,
      staff: 7,
      details: { name: 'Ada', email: 'ada@example.com', phone: '', notes: '' },
    });
  });

  it('walks service → staff → day, each choice moving one step on', () => {
    const state = run(fresh(), { type: 'serviceChosen', service: haircut }, { type: 'staffChosen', staff: 'any' }, { type: 'dateChosen', date: '2026-12-01' });
    expect(state).toMatchObject({ step: 4, moved: true, service: haircut, staff: 'any', date: '2026-12-01' });
  });

  it('forgets staff, day and employees when another service is chosen, keeps them for the same one', () => {
    const chosen = run(
      fresh(),
      { type: 'serviceChosen', service: haircut },
      { type: 'employeesLoaded', employees: [{ id: 7, name: 'Alex', serviceIds: [1] }] },
      { type: 'staffChosen', staff: 7 },
      { type: 'dateChosen', date: '2026-12-01' },
      { type: 'back', to: 1 },
    );
    expect(run(chosen, { type: 'serviceChosen', service: haircut })).toMatchObject({ step: 2, staff: 7, date: '2026-12-01' });
    expect(run(chosen, { type: 'serviceChosen', service: colour })).toMatchObject({ step: 2, staff: null, date: null, employees: [] });
  });

  it('enters review with a new idempotency key and a lock in progress, and a taken lock clears the notice', () => {
    const warned = run(fresh(), { type: 'notice', notice: { kind: 'warning', text: 'x' } });
    const reviewing = run(warned, { type: 'reviewEntered', idempotencyKey: 'key-2' });
    expect(reviewing).toMatchObject({ step: 6, locking: true, idempotencyKey: 'key-2', notice: null });
    const locked = run(reviewing, { type: 'lockTaken', token: 't', expiresAt: '2026-12-01T09:00:00Z' }, { type: 'lockEnded' });
    expect(locked).toMatchObject({ locking: false, lock: { token: 't', expiresAt: '2026-12-01T09:00:00Z' } });
  });

  it('leaving review drops the lock and goes back to details, or to the grid when rescheduling', () => {
    const locked = run(fresh(), { type: 'reviewEntered', idempotencyKey: 'k' }, { type: 'lockTaken', token: 't', expiresAt: 'e' });
    expect(run(locked, { type: 'reviewLeft' })).toMatchObject({ step: 5, lock: null });
    expect(run({ ...locked, rescheduling: true }, { type: 'reviewLeft' })).toMatchObject({ step: 4, lock: null });
  });

  it('a lost slot returns to the grid with a warning and nothing held or selected', () => {
    const state = run(
      fresh(),
      { type: 'slotSelected', slot: { employeeId: 7, time: '09:00' } },
      { type: 'reviewEntered', idempotencyKey: 'k' },
      { type: 'lockTaken', token: 't', expiresAt: 'e' },
      { type: 'slotLost', text: 'taken' },
    );
    expect(state).toMatchObject({ step: 4, lock: null, selected: null, notice: { kind: 'warning', text: 'taken' } });
  });

  it('a 422 on confirm shows the field errors on the details step', () => {
    const state = run(fresh(), { type: 'reviewEntered', idempotencyKey: 'k' }, { type: 'detailsRejected', errors: { email: 'bad' }, text: 'Check' });
    expect(state).toMatchObject({ step: 5, serverErrors: { email: 'bad' }, lock: null, notice: { kind: 'error', text: 'Check' } });
  });

  it('a booking shows the confirmation; "book another" starts over at step 1', () => {
    const appointment = { id: 5, reference: 'APT-1' } as unknown as AppointmentResponse;
    const booked = run(fresh(), { type: 'serviceChosen', service: haircut }, { type: 'booked', appointment });
    expect(booked).toMatchObject({ step: 7, booked: appointment, lock: null, selected: null });
    expect(run(booked, { type: 'restarted' })).toMatchObject({ step: 1, service: null, booked: null, details: null });
  });

  it('clears only the unreachable banner once the server answers again', () => {
    const offline = run(fresh(), { type: 'notice', notice: { kind: 'warning', text: 'Server unreachable. Retrying in 2 s…', unreachable: true } });
    expect(run(offline, { type: 'reachable' }).notice).toBeNull();
    const other = run(fresh(), { type: 'notice', notice: { kind: 'warning', text: 'Sorry, 09:00 was just taken.' } });
    expect(run(other, { type: 'reachable' }).notice).toEqual(other.notice);
  });
});
