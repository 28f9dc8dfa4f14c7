/** One id per browser tab (8–64 chars of [A-Za-z0-9_-], as the server's ClientId requires), kept across reloads of the tab. */
export function clientId(): string {
  const key = 'appointease.clientId';
  try {
    const existing = sessionStorage.getItem(key);
    if (existing) return existing;
    const created = newId();
    sessionStorage.setItem(key, created);
    return created;
  } catch {
    return newId();
  }
}

export function newId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID().replace(/-/g, '');
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}
