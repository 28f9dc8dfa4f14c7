import { addMonths, eachDayOfInterval, endOfMonth, endOfWeek, format, isBefore, isSameMonth, startOfMonth, startOfWeek } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { formatDay, formatMonth, weekdayNames } from '../i18n/format';
import { useLocale } from '../i18n/LocaleContext';
import { onGridArrowKeys } from '../lib/arrowKeys';

export interface CalendarProps {
  month: Date;
  /** yyyy-MM-dd → number of free slots that day (days not in the map have none). */
  freeSlots: Map<string, number>;
  selected: string | null;
  today: Date;
  loading: boolean;
  onMonthChange: (month: Date) => void;
  onSelect: (date: string) => void;
  maxMonth: Date;
}

/** A month grid; days with free slots are buttons marked with a dot, the rest are shown but disabled. */
export function Calendar(props: CalendarProps) {
  const { month, freeSlots, selected, today, loading } = props;
  const { t } = useTranslation();
  const { tag } = useLocale();
  const weekdays = weekdayNames(tag);
  const days = eachDayOfInterval({
    start: startOfWeek(startOfMonth(month), { weekStartsOn: 1 }),
    end: endOfWeek(endOfMonth(month), { weekStartsOn: 1 }),
  });
  const canGoBack = isBefore(startOfMonth(today), startOfMonth(month));
  const canGoForward = isBefore(startOfMonth(month), startOfMonth(props.maxMonth));
  return (
    <div className="ae-calendar">
      <div className="ae-calendar-nav">
        <button type="button" className="ae-btn ae-btn-ghost" disabled={!canGoBack} onClick={() => props.onMonthChange(addMonths(month, -1))} aria-label={t('calendar.previous')}>
          ‹
        </button>
        <p className="ae-calendar-month" aria-live="polite" id="ae-month-label">
          {formatMonth(month, tag)}
          {loading && <span className="ae-muted">{t('calendar.loading')}</span>}
        </p>
        <button type="button" className="ae-btn ae-btn-ghost" disabled={!canGoForward} onClick={() => props.onMonthChange(addMonths(month, 1))} aria-label={t('calendar.next')}>
          ›
        </button>
      </div>
      <div className="ae-calendar-grid" role="group" aria-labelledby="ae-month-label" onKeyDown={onGridArrowKeys}>
        {weekdays.map((d, i) => (
          <span key={i} className="ae-weekday" aria-hidden="true">
            {d}
          </span>
        ))}
        {days.map((day) => {
          const key = format(day, 'yyyy-MM-dd');
          const inMonth = isSameMonth(day, month);
          const free = freeSlots.get(key) ?? 0;
          if (!inMonth) return <span key={key} className="ae-day ae-day-outside" aria-hidden="true" />;
          const dayName = formatDay(key, tag, 'longNoYear');
          const label = free > 0 ? t('calendar.freeTimes', { day: dayName, count: free }) : t('calendar.noFreeTimes', { day: dayName });
          return (
            <button
              key={key}
              type="button"
              data-cell
              data-date={key}
              className={`ae-day${free > 0 ? ' ae-day-free' : ''}${selected === key ? ' ae-day-selected' : ''}`}
              disabled={free === 0}
              aria-pressed={selected === key}
              aria-label={label}
              onClick={() => props.onSelect(key)}
            >
              <span>{format(day, 'd')}</span>
              {free > 0 && <span className="ae-day-dot" aria-hidden="true" />}
            </button>
          );
        })}
      </div>
    </div>
  );
}
