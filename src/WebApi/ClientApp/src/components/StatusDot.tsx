import { useTranslation } from 'react-i18next';
import type { LinkMode } from '../lib/heartbeat';

/** `streaming`: the grid is pushed over the slot stream (data-streaming, and the pulse of .ae-status-streaming). */
export function StatusDot({ mode, storageMode, streaming = false }: { mode: LinkMode; storageMode: string | null; streaming?: boolean }) {
  const { t } = useTranslation();
  const text = t(`status.${mode}Long`);
  const title = storageMode ? t('status.withStorage', { text, storage: storageMode }) : text;
  return (
    <span className={`ae-status ae-status-${mode}${streaming ? ' ae-status-streaming' : ''}`} title={title} data-testid="status-dot"
      data-mode={mode} data-streaming={streaming}>
      <span className="ae-dot" aria-hidden="true" />
      <span className="ae-status-text">{t(`status.${mode}`)}</span>
      <span className="ae-sr-only">{title}</span>
    </span>
  );
}
