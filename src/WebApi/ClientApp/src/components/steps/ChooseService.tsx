import { useTranslation } from 'react-i18next';
import type { Service } from '../../api/endpoints';
import { formatPrice } from '../../i18n/format';
import { useLocale } from '../../i18n/LocaleContext';

export function ChooseService({ services, selectedId, onChoose }: { services: Service[]; selectedId: number | null; onChoose: (s: Service) => void }) {
  const { t } = useTranslation();
  const { tag } = useLocale();
  return (
    <ul className="ae-choices">
      {services.map((s) => (
        <li key={s.id}>
          <button type="button" className="ae-choice" aria-pressed={selectedId === s.id} onClick={() => onChoose(s)} data-service-id={s.id}>
            <span className="ae-choice-title">{s.name}</span>
            <span className="ae-choice-meta">
              {t('service.minutes', { count: s.durationMinutes })} · {s.price > 0 ? formatPrice(s.price, tag) : t('service.free')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
