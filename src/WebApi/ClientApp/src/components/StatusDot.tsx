import type { LinkMode } from '../lib/heartbeat';

const text: Record<LinkMode, string> = {
  live: 'Live: slot changes appear within a second',
  fallback: 'Fallback mode: updates may take a few seconds',
  offline: 'Offline: reconnecting',
};

export function StatusDot({ mode, storageMode }: { mode: LinkMode; storageMode: string | null }) {
  const title = storageMode ? `${text[mode]} (storage: ${storageMode})` : text[mode];
  return (
    <span className={`ae-status ae-status-${mode}`} title={title} data-testid="status-dot" data-mode={mode}>
      <span className="ae-dot" aria-hidden="true" />
      <span className="ae-status-text">{mode === 'live' ? 'Live' : mode === 'fallback' ? 'Fallback' : 'Offline'}</span>
      <span className="ae-sr-only">{title}</span>
    </span>
  );
}
