/**
 * First-party storage: localStorage, with a cookie as the fallback where it is unavailable.
 * Only ever used once consent allows it.
 */
const YEAR_S = 31536000;

const local = (): Storage | undefined => {
  try {
    return localStorage;
  } catch {}
};

export function read<T>(k: string): T | undefined {
  try {
    // The cookie is read only without a localStorage entry (its getter is slow on a phone).
    const s =
      local()?.getItem(k) ??
      decodeURIComponent(document.cookie.match(`(?:^|; )${k}=([^;]*)`)?.[1] ?? "");
    return s ? (JSON.parse(s) as T) : undefined;
  } catch {}
}

/** Writes `v` as JSON (removes the key when `v` is undefined); `jar` allows the cookie fallback. */
export function write(k: string, v?: unknown, jar = true): void {
  const s = v === undefined ? "" : JSON.stringify(v);
  try {
    const l = local() as Storage;
    if (s) l.setItem(k, s);
    else l.removeItem(k);
    return;
  } catch {}
  if (jar) {
    // biome-ignore lint/suspicious/noDocumentCookie: the synchronous fallback without localStorage
    document.cookie = `${k}=${encodeURIComponent(s)};path=/;max-age=${s ? YEAR_S : 0};samesite=lax`;
  }
}
