import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useZones } from '../hooks/useZones';
import { onGridArrowKeys } from '../lib/arrowKeys';
import { describeChanges, type SlotView } from '../lib/slots';
import { visitorWallTime } from '../lib/zones';

export interface SlotGridProps {
  /** The business's day (yyyy-MM-dd) the slots are on. */
  date: string;
  slots: SlotView[];
  onPick: (slot: SlotView) => void;
  busyTime: string | null;
}

/**
 * The time slots with their live state. Only available slots (and the visitor's own) can be picked; the others
 * stay visible so people see the day filling up. Changes are announced politely for screen readers. Each slot is
 * labelled with the business's time (what is booked); when the visitor's clock reads differently, their time is
 * shown under it.
 */
export function SlotGrid({ date, slots, onPick, busyTime }: SlotGridProps) {
  const { t } = useTranslation();
  const zones = useZones();
  const previous = useRef<SlotView[]>(slots);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const changes = describeChanges(previous.current, slots);
    previous.current = slots;
    if (changes.length === 0) return;
    const said = changes.slice(0, 3).map((c) => t('time.changed', { time: c.time, state: t(`time.${c.state}`) }));
    if (changes.length > 3) said.push(t('time.moreChanges', { count: changes.length - 3 }));
    setAnnouncement(said.join(' '));
  }, [slots, t]);

  if (slots.length === 0) return <p className="ae-muted">{t('time.none')}</p>;
  const local = (time: string) => visitorWallTime({ date, time }, zones.business, zones.visitor);
  const twoZones = slots.some((s) => local(s.time) !== null);
  return (
    <>
      {twoZones && (
        <p className="ae-zone-note" data-testid="zone-note">
          {t('time.zonesNote', { business: zones.place, businessZone: zones.business, visitorZone: zones.visitor })}
        </p>
      )}
      <ul className="ae-legend" aria-label={t('time.legend')}>
        {(['available', 'looking', 'held', 'booked'] as const).map((s) => (
          <li key={s}>
            <span className={`ae-swatch ae-slot-${s}`} aria-hidden="true" /> {t(`time.${s}`)}
          </li>
        ))}
      </ul>
      <div className="ae-slot-grid" role="group" aria-label={t('time.grid')} onKeyDown={onGridArrowKeys} data-testid="slot-grid">
        {slots.map((slot) => {
          const pickable = slot.state === 'available' || slot.state === 'mine';
          const state = t(`time.${slot.state}`);
          const there = local(slot.time);
          return (
            <button
              key={slot.time}
              type="button"
              data-cell
              data-time={slot.time}
              data-state={slot.state}
              data-local-time={there ? there.time : undefined}
              className={`ae-slot ae-slot-${slot.state}`}
              disabled={!pickable}
              aria-busy={busyTime === slot.time}
              aria-pressed={slot.state === 'mine'}
              aria-label={there ? t('time.slotBothZones', { time: slot.time, local: there.time, state }) : t('time.slot', { time: slot.time, state })}
              onClick={() => busyTime === null && onPick(slot)}
            >
              <span className="ae-slot-time">{slot.time}</span>
              {there && (
                <span className="ae-slot-local" aria-hidden="true">
                  {t('time.yourTime', { time: there.time })}
                </span>
              )}
              <span className="ae-slot-state" aria-hidden="true">
                {busyTime === slot.time ? '…' : slot.state === 'available' ? '' : state}
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
