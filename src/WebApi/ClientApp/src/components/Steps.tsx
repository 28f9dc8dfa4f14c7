import { useTranslation } from 'react-i18next';
import type { Step } from './BookingFlow';

/** Progress through the steps; the current one carries aria-current="step". */
export function Steps({ current, first, skip }: { current: Step; first: Step; skip: number[] }) {
  const { t } = useTranslation();
  if (current === 7) return null;
  const steps = ([1, 2, 3, 4, 5, 6] as const).filter((s) => s >= first && !skip.includes(s));
  return (
    <ol className="ae-steps" aria-label={t('steps.progress')}>
      {steps.map((s) => (
        <li key={s} className={s === current ? 'ae-current' : s < current ? 'ae-done' : ''} aria-current={s === current ? 'step' : undefined}>
          {t(`steps.short${s}`)}
        </li>
      ))}
    </ol>
  );
}
