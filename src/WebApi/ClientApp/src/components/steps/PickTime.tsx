import { format, parseISO } from 'date-fns';
import type { SlotView } from '../../lib/slots';
import { SlotGrid } from '../SlotGrid';

export interface PickTimeProps {
  serviceName: string;
  staffLabel: string;
  date: string | null;
  slots: SlotView[];
  loading: boolean;
  pickingTime: string | null;
  selectedTime: string | null;
  onPick: (slot: SlotView) => void;
  onBack: () => void;
  onContinue: () => void;
}

/** Step 4: the live grid of one day; continuing needs a selected time. */
export function PickTime(p: PickTimeProps) {
  return (
    <>
      <p className="ae-muted">
        {p.serviceName} with {p.staffLabel} on {p.date ? format(parseISO(p.date), 'EEEE d MMMM') : ''}
      </p>
      {p.loading && p.slots.length === 0 ? <p className="ae-muted">Loading times…</p> : <SlotGrid slots={p.slots} onPick={p.onPick} busyTime={p.pickingTime} />}
      <div className="ae-actions">
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onBack}>
          Back
        </button>
        <button type="button" className="ae-btn ae-btn-primary" disabled={!p.selectedTime} onClick={p.onContinue}>
          {p.selectedTime ? `Continue with ${p.selectedTime}` : 'Pick a time to continue'}
        </button>
      </div>
    </>
  );
}
