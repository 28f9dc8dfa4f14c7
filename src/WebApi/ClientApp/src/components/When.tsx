import { useTranslation } from 'react-i18next';
import { useZones } from '../hooks/useZones';
import { formatDay } from '../i18n/format';
import { useLocale } from '../i18n/LocaleContext';
import { visitorWallTime } from '../lib/zones';

/**
 * When an appointment is: the business's day and time, and — when the visitor's clock reads differently — a second
 * line with both ("10:00 your time · 16:00 at Demo Studio"; the visitor's date too when it is another day).
 */
export function When({ date, time }: { date: string; time: string }) {
  const { t } = useTranslation();
  const { tag } = useLocale();
  const zones = useZones();
  const local = visitorWallTime({ date, time }, zones.business, zones.visitor);
  return (
    <>
      {t('review.at', { day: formatDay(date, tag), time })}
      {local && (
        <span className="ae-when-local" data-testid="when-both-zones">
          {t('review.bothZones', {
            visitor: local.date === date ? local.time : t('review.at', { day: formatDay(local.date, tag, 'medium'), time: local.time }),
            business: time,
            place: zones.place,
          })}
        </span>
      )}
    </>
  );
}
