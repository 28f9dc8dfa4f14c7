import type { Service } from '../../api/endpoints';

export function ChooseService({ services, selectedId, onChoose }: { services: Service[]; selectedId: number | null; onChoose: (s: Service) => void }) {
  return (
    <ul className="ae-choices">
      {services.map((s) => (
        <li key={s.id}>
          <button type="button" className="ae-choice" aria-pressed={selectedId === s.id} onClick={() => onChoose(s)} data-service-id={s.id}>
            <span className="ae-choice-title">{s.name}</span>
            <span className="ae-choice-meta">
              {s.durationMinutes} min · {s.price > 0 ? `€${s.price.toFixed(2)}` : 'free'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
