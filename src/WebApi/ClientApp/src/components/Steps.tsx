import type { Step } from './BookingFlow';

const names: Record<number, string> = { 1: 'Service', 2: 'Staff', 3: 'Date', 4: 'Time', 5: 'Details', 6: 'Review' };

/** Progress through the steps; the current one carries aria-current="step". */
export function Steps({ current, first, skip }: { current: Step; first: Step; skip: number[] }) {
  if (current === 7) return null;
  const steps = [1, 2, 3, 4, 5, 6].filter((s) => s >= first && !skip.includes(s));
  return (
    <ol className="ae-steps" aria-label="Progress">
      {steps.map((s) => (
        <li key={s} className={s === current ? 'ae-current' : s < current ? 'ae-done' : ''} aria-current={s === current ? 'step' : undefined}>
          {names[s]}
        </li>
      ))}
    </ol>
  );
}
