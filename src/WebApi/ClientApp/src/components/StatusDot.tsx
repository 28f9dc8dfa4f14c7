import { useTranslation } from 'react-i18next';
import type { LinkMode } from '../lib/heartbeat';

export function StatusDot({ mode, storageMode }: { mode: LinkMode; storageMode: string | null }) {
  const { t } = useTranslation();
  const text = t(`status.${mode}Long`);
  const title = storageMode ? t('status.withStorage', { text, storage: storageMode }) : text;
  return (
    <span className={`ae-status ae-status-${mode}`} title={title} data-testid="status-dot" data-mode={mode}>
      <span className="ae-dot" aria-hidden="true" />
      <span className="ae-status-text">{t(`status.${mode}`)}</span>
      <span className="ae-sr-only">{title}</span>
    </span>
  );
}
