import { format, parseISO } from 'date-fns';
import { useEffect } from 'react';
import { formatSeconds, useCountdown } from '../../hooks/useCountdown';
import type { Details } from '../../lib/validation';

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
  const left = useCountdown(p.expiresAt, p.serverOffsetMs);
  useEffect(() => {
    if (left === 0 && !p.submitting) p.onExpired();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fire once when the countdown reaches 0, not on every new onExpired
  }, [left]);
  return (
    <div className="ae-review">
      <dl className="ae-summary">
        <dt>Service</dt>
        <dd>
          {p.serviceName} ({p.durationMinutes} min)
        </dd>
        <dt>With</dt>
        <dd>{p.staffName}</dd>
        <dt>When</dt>
        <dd>
          {format(parseISO(p.date), 'EEEE d MMMM yyyy')} at {p.time}
        </dd>
        {p.details && (
          <>
            <dt>Name</dt>
            <dd>{p.details.name}</dd>
            <dt>Email</dt>
            <dd>{p.details.email}</dd>
            {p.details.phone && (
              <>
                <dt>Phone</dt>
                <dd>{p.details.phone}</dd>
              </>
            )}
            {p.details.notes && (
              <>
                <dt>Notes</dt>
                <dd className="ae-pre">{p.details.notes}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <p className="ae-hold" data-testid="hold-countdown">
        {p.locking
          ? 'Holding this time for you…'
          : left !== null
            ? <>This time is held for you for <strong>{formatSeconds(left)}</strong>.</>
            : null}
      </p>
      <div className="ae-actions">
        <button type="button" className="ae-btn ae-btn-ghost" onClick={p.onBack} disabled={p.submitting}>
          Back
        </button>
        <button type="button" className="ae-btn ae-btn-primary" onClick={p.onConfirm} disabled={p.locking || p.submitting || left === null || left === 0}>
          {p.submitting ? 'Booking…' : p.confirmLabel}
        </button>
      </div>
    </div>
  );
}
