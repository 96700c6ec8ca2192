/** The session cookie: read from the Cookie header, written as an HTTP-only, SameSite=Lax cookie. */

export const SESSION_COOKIE = "intently_session";

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0 || part.slice(0, i).trim() !== name) continue;
    const v = part.slice(i + 1).trim();
    return /^[A-Za-z0-9_-]{1,128}$/.test(v) ? v : null;
  }
  return null;
}

export function sessionCookie(value: string, maxAgeSec: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export const clearedSessionCookie = (secure: boolean): string => sessionCookie("", 0, secure);
