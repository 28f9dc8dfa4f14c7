import { useTranslation } from 'react-i18next';
import type { Employee } from '../../api/endpoints';

export type StaffChoice = number | 'any';

export function ChooseStaff({ employees, selected, onChoose }: { employees: Employee[]; selected: StaffChoice | null; onChoose: (c: StaffChoice) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="ae-choices">
      <li>
        <button type="button" className="ae-choice" aria-pressed={selected === 'any'} onClick={() => onChoose('any')} data-staff="any">
          <span className="ae-choice-title">{t('staff.any')}</span>
          <span className="ae-choice-meta">{t('staff.anyMeta')}</span>
        </button>
      </li>
      {employees.map((e) => (
        <li key={e.id}>
          <button type="button" className="ae-choice" aria-pressed={selected === e.id} onClick={() => onChoose(e.id)} data-staff={e.id}>
            <span className="ae-choice-title">{e.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
