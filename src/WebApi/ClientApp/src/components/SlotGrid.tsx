import { useEffect, useRef, useState } from 'react';
import { onGridArrowKeys } from '../lib/arrowKeys';
import { describeChanges, stateLabel, type SlotView } from '../lib/slots';

export interface SlotGridProps {
  slots: SlotView[];
  onPick: (slot: SlotView) => void;
  busyTime: string | null;
}

/**
 * The time slots with their live state. Only available slots (and the visitor's own) can be picked; the others
 * stay visible so people see the day filling up. Changes are announced politely for screen readers.
 */
export function SlotGrid({ slots, onPick, busyTime }: SlotGridProps) {
  const previous = useRef<SlotView[]>(slots);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const changes = describeChanges(previous.current, slots);
    previous.current = slots;
    if (changes.length > 0) setAnnouncement(changes.slice(0, 3).join(' ') + (changes.length > 3 ? ` And ${changes.length - 3} more changes.` : ''));
  }, [slots]);

  if (slots.length === 0) return <p className="ae-muted">No times on this day.</p>;
  return (
    <>
      <ul className="ae-legend" aria-label="Legend">
        {(['available', 'looking', 'held', 'booked'] as const).map((s) => (
          <li key={s}>
            <span className={`ae-swatch ae-slot-${s}`} aria-hidden="true" /> {stateLabel[s]}
          </li>
        ))}
      </ul>
      <div className="ae-slot-grid" role="group" aria-label="Times" onKeyDown={onGridArrowKeys} data-testid="slot-grid">
        {slots.map((slot) => {
          const pickable = slot.state === 'available' || slot.state === 'mine';
          return (
            <button
              key={slot.time}
              type="button"
              data-cell
              data-time={slot.time}
              data-state={slot.state}
              className={`ae-slot ae-slot-${slot.state}`}
              disabled={!pickable}
              aria-busy={busyTime === slot.time}
              aria-pressed={slot.state === 'mine'}
              aria-label={`${slot.time}, ${stateLabel[slot.state]}`}
              onClick={() => busyTime === null && onPick(slot)}
            >
              <span className="ae-slot-time">{slot.time}</span>
              <span className="ae-slot-state" aria-hidden="true">
                {busyTime === slot.time ? '…' : slot.state === 'available' ? '' : stateLabel[slot.state]}
              </span>
            </button>
          );
        })}
      </div>
      <p className="ae-sr-only" aria-live="polite" data-testid="slot-announcer">
        {announcement}
      </p>
    </>
  );
}
