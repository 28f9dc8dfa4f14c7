import { useTranslation } from 'react-i18next';

export type NoticeKind = 'info' | 'warning' | 'error' | 'success';

export interface NoticeMessage {
  kind: NoticeKind;
  text: string;
  /** Set on the "server unreachable" banner, which goes away by itself once the server answers again. */
  unreachable?: boolean;
}

/** A banner for things that happened to the user (slot taken, hold expired, server unreachable). */
export function Notice({ notice, onDismiss }: { notice: NoticeMessage | null; onDismiss?: () => void }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <div className={`ae-notice ae-notice-${notice.kind}`} role={notice.kind === 'error' || notice.kind === 'warning' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      {onDismiss && (
        <button type="button" className="ae-link" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}
