import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatSeconds, useCountdown } from '../../hooks/useCountdown';
import type { Details } from '../../lib/validation';
import { When } from '../When';

export interface ReviewProps {
  serviceName: string;
  durationMinutes: number;
  staffName: string;
  date: string;
  time: string;
  details: Details | null;
  expiresAt: string | null;
  serverOffsetMs: number;
  locking: boolean;
  submitting: boolean;
  confirmLabel: string;
  onConfirm: () => void;
  onBack: () => void;
  onExpired: () => void;
}

export function Review(p: ReviewProps) {
  const { t } = useTranslation();
  const left = useCountdown(p.expiresAt, p.serverOffsetMs);
  useEffect(() => {
    if (left === 0 && !p.submitting) p.onExpired();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fire once when the countdown reaches 0, not on every new onExpired
  }, [left]);
  return (
    <div className="ae-review">
      <dl className="ae-summary">
        <dt>{t('review.service')}</dt>
        <dd>{t('review.duration', { service: p.serviceName, minutes: p.durationMinutes })}</dd>
        <dt>{t('review.with')}</dt>
        <dd>{p.staffName}</dd>
        <dt>{t('review.when')}</dt>
        <dd>
          <When date={p.date} time={p.time} />
        </dd>
        {p.details && (
          <>
            <dt>{t('review.name')}</dt>
            <dd>{p.details.name}</dd>
            <dt>{t('review.email')}</dt>
            <dd>{p.details.email}</dd>
            {p.details.phone && (
              <>
                <dt>{t('review.phone')}</dt>
                <dd>{p.details.phone}</dd>
              </>
            )}
            {p.details.notes && (
              <>
                <dt>{t('review.notes')}</dt>
                <dd className="ae-pre">{p.details.notes}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <p className="ae-hold" data-testid="hold-countdown">
        {p.locking ? (
          t('review.holding')
        ) : left !== null ? (
          <Trans i18nKey="review.held" values={{ left: formatSeconds(left) }} components={{ strong: <strong /> }} />
        ) : null}
      </p>
      <div className="ae-actions">
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onBack} disabled={p.submitting}>
          {t('common.back')}
        </button>
        <button type="button" className="ae-btn ae-btn-primary" onClick={p.onConfirm} disabled={p.locking || p.submitting || left === null || left === 0}>
          {p.submitting ? t('review.submitting') : p.confirmLabel}
        </button>
      </div>
    </div>
  );
}
