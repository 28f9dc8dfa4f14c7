export type NoticeKind = 'info' | 'warning' | 'error' | 'success';

export interface NoticeMessage {
  kind: NoticeKind;
  text: string;
}

/** A banner for things that happened to the user (slot taken, hold expired, server unreachable). */
export function Notice({ notice, onDismiss }: { notice: NoticeMessage | null; onDismiss?: () => void }) {
  if (!notice) return null;
  return (
    <div className={`ae-notice ae-notice-${notice.kind}`} role={notice.kind === 'error' || notice.kind === 'warning' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      {onDismiss && (
        <button type="button" className="ae-link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
