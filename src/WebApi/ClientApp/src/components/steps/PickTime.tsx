import { useTranslation } from 'react-i18next';
import { formatDay } from '../../i18n/format';
import { useLocale } from '../../i18n/LocaleContext';
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
  const { t } = useTranslation();
  const { tag } = useLocale();
  return (
    <>
      <p className="ae-muted">{t('time.summary', { service: p.serviceName, staff: p.staffLabel, day: p.date ? formatDay(p.date, tag, 'longNoYear') : '' })}</p>
      {p.loading && p.slots.length === 0 ? (
        <p className="ae-muted">{t('time.loading')}</p>
      ) : (
        <SlotGrid date={p.date ?? ''} slots={p.slots} onPick={p.onPick} busyTime={p.pickingTime} />
      )}
      <div className="ae-actions">
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="ae-btn ae-btn-primary" disabled={!p.selectedTime} onClick={p.onContinue}>
          {p.selectedTime ? t('time.continueWith', { time: p.selectedTime }) : t('time.pickToContinue')}
        </button>
      </div>
    </>
  );
}
