/**
 * A heartbeat array element. The merged contract sends "HH:mm" strings (own selection/lock already left out);
 * object markers are accepted too so the widget survives a richer shape without change.
 */
export type SlotMarker = string | { time: string; clientId?: string | null; mine?: boolean | null };

/** The parts of a heartbeat answer the grid uses (structural, so the generated type fits as is). */
export interface HeartbeatSets {
  activeSelections?: readonly SlotMarker[] | null;
  bookedSlots?: readonly SlotMarker[] | null;
  lockedSlots?: readonly SlotMarker[] | null;
}

/** The four live states the grid shows, plus "mine" for the slot this visitor has picked. */
export type SlotState = 'available' | 'looking' | 'held' | 'booked' | 'mine';

export interface SlotView {
  time: string;
  state: SlotState;
  /** For "any available": which employee would serve this time (the first free one). */
  employeeId: number;
}

/** Live overlay of one employee's day, from the heartbeat (times as HH:mm). */
export interface LiveDay {
  looking: Set<string>;
  held: Set<string>;
  booked: Set<string>;
}

export interface Me {
  clientId: string;
  selectedTime: string | null;
}

/** Server statuses from /availability → widget states. Unknown statuses are treated as not bookable. */
export function stateFromStatus(status: string): SlotState {
  switch (status.toLowerCase()) {
    case 'available':
      return 'available';
    case 'selected':
      return 'looking';
    case 'locked':
      return 'held';
    default:
      return 'booked';
  }
}

function markerTime(marker: SlotMarker): string {
  return typeof marker === 'string' ? marker : marker.time;
}

function isMine(marker: SlotMarker, clientId: string): boolean {
  return typeof marker !== 'string' && (marker.mine === true || (!!marker.clientId && marker.clientId === clientId));
}

/** Heartbeat arrays → sets, leaving out markers that belong to this visitor (its own selection/hold is not "someone"). */
export function liveDayFromHeartbeat(beat: HeartbeatSets, clientId: string): LiveDay {
  const others = (markers: readonly SlotMarker[] | null | undefined) =>
    new Set((markers ?? []).filter((m) => !isMine(m, clientId)).map(markerTime).map(normaliseTime));
  return { looking: others(beat.activeSelections), held: others(beat.lockedSlots), booked: others(beat.bookedSlots) };
}

/** "09:00:00" or "9:00" → "09:00" so sets match the grid's keys. */
export function normaliseTime(time: string): string {
  const [h = '0', m = '0'] = time.split(':');
  return `${h.padStart(2, '0')}:${m.padStart(2, '0')}`;
}

/**
 * One employee's grid: the /availability base, overridden by the live overlay (booked beats held beats looking),
 * and this visitor's own pick shown as "mine" while it is still free for them.
 */
export function mergeSlots(
  base: { time: string; status: string }[],
  live: LiveDay | null,
  me: Me,
  employeeId: number,
): SlotView[] {
  return base.map((slot) => {
    const time = normaliseTime(slot.time);
    let state = stateFromStatus(slot.status);
    if (live) {
      // The live overlay is newer than the base: a slot no longer in any live set is free again.
      if (state === 'looking' || state === 'held') state = 'available';
      if (live.booked.has(time)) state = 'booked';
      else if (live.held.has(time)) state = 'held';
      else if (live.looking.has(time)) state = 'looking';
    }
    if (me.selectedTime === time && (state === 'available' || state === 'looking')) state = 'mine';
    return { time, state, employeeId };
  });
}

const rank: Record<SlotState, number> = { mine: 0, available: 1, looking: 2, held: 3, booked: 4 };

/** "Any available": per time, the best state across employees (and that employee serves it). */
export function combineEmployees(grids: SlotView[][]): SlotView[] {
  const byTime = new Map<string, SlotView>();
  for (const grid of grids)
    for (const slot of grid) {
      const current = byTime.get(slot.time);
      if (!current || rank[slot.state] < rank[current.state]) byTime.set(slot.time, slot);
    }
  return [...byTime.values()].sort((a, b) => a.time.localeCompare(b.time));
}

/** What changed between two renders of the grid, for the aria-live region (the visitor's own pick is left out). */
export function describeChanges(before: SlotView[], after: SlotView[]): { time: string; state: SlotState }[] {
  const old = new Map(before.map((s) => [s.time, s.state]));
  const changes: { time: string; state: SlotState }[] = [];
  for (const slot of after) {
    const was = old.get(slot.time);
    if (was && was !== slot.state && slot.state !== 'mine' && was !== 'mine') changes.push({ time: slot.time, state: slot.state });
  }
  return changes;
}
