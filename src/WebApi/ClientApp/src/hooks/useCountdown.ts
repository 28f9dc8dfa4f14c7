import { useEffect, useState } from 'react';

/** Seconds left until `expiresAt` by the server's clock (offset = server − client), ticking each second. */
export function useCountdown(expiresAt: string | null, serverOffsetMs: number): number | null {
  const compute = () => (expiresAt ? Math.max(0, Math.round((Date.parse(expiresAt) - (Date.now() + serverOffsetMs)) / 1000)) : null);
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    setLeft(compute());
    if (!expiresAt) return;
    const timer = setInterval(() => setLeft(compute()), 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expiresAt, serverOffsetMs]);
  return left;
}

export function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
