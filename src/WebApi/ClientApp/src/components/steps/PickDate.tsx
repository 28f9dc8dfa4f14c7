import { addDays, endOfMonth, format, isBefore, parseISO, startOfMonth } from 'date-fns';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { useZones } from '../../hooks/useZones';
import { businessToday } from '../../lib/zones';
import { Calendar } from '../Calendar';

const HORIZON_DAYS = 90;

export interface PickDateProps {
  serviceId: number;
  employeeIds: number[];
  selected: string | null;
  onSelect: (date: string) => void;
  onError: (error: unknown) => void;
}

/**
 * Loads one month of availability (one range call per employee) and marks the days that have a free slot. Days are
 * the business's: "today" is today at the business, wherever the visitor is.
 */
export function PickDate({ serviceId, employeeIds, selected, onSelect, onError }: PickDateProps) {
  const zones = useZones();
  const today = parseISO(businessToday(zones.business));
  const [month, setMonth] = useState(() => startOfMonth(selected ? parseISO(selected) : today));
  const [free, setFree] = useState<Map<string, number>>(new Map());
  const [loading, setLoading] = useState(true);
  const employeeKey = employeeIds.join(',');

  useEffect(() => {
    const controller = new AbortController();
    const start = isBefore(month, today) ? today : month;
    const from = format(start, 'yyyy-MM-dd');
    const to = format(endOfMonth(month), 'yyyy-MM-dd');
    setLoading(true);
    Promise.all(employeeKey.split(',').map((id) => api.availabilityRange(from, to, Number(id), serviceId, controller.signal)))
      .then((perEmployee) => {
        const counts = new Map<string, number>();
        for (const days of perEmployee)
          for (const day of days) {
            const n = day.slots.filter((s) => s.status === 'available').length;
            counts.set(day.date, (counts.get(day.date) ?? 0) + n);
          }
        setFree(counts);
        setLoading(false);
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') {
          setLoading(false);
          onError(error);
        }
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- today/onError are stable enough; reload on month/service/staff only
  }, [month.getTime(), serviceId, employeeKey]);

  return (
    <Calendar
      month={month}
      freeSlots={free}
      selected={selected}
      today={today}
      loading={loading}
      maxMonth={addDays(today, HORIZON_DAYS)}
      onMonthChange={setMonth}
      onSelect={onSelect}
    />
  );
}
