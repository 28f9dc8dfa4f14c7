import { useEffect, useState } from 'react';

/** Seconds left until `expiresAt` by the server's clock (offset = server − client), ticking each second. */
export function useCountdown(expiresAt: string | null, serverOffsetMs: number): number | null {
  const [left, setLeft] = useState(() => secondsLeft(expiresAt, serverOffsetMs));
  useEffect(() => {
    setLeft(secondsLeft(expiresAt, serverOffsetMs));
    if (!expiresAt) return;
    const timer = setInterval(() => setLeft(secondsLeft(expiresAt, serverOffsetMs)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt, serverOffsetMs]);
  return left;
}

function secondsLeft(expiresAt: string | null, serverOffsetMs: number): number | null {
  return expiresAt ? Math.max(0, Math.round((Date.parse(expiresAt) - (Date.now() + serverOffsetMs)) / 1000)) : null;
}

export function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
