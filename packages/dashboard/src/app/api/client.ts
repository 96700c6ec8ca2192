/**
 * The REST API from the browser: same-origin fetch with the session cookie, the session's CSRF
 * token on every state-changing request, JSON in and out, errors as ApiError (with the API's
 * located `issues`). A 401 tells the app that the session is gone.
 */

import type { ValidationIssue as Issue } from "@intently/engine";

export type { Issue };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
const signedOut = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (the session expired or was ended). */
export function onSignedOut(fn: () => void): () => void {
  signedOut.add(fn);
  return () => signedOut.delete(fn);
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 as signed out (the sign-in and /me probes). */
  quiet401?: boolean;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const method = o.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (o.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !o.quiet401) for (const fn of signedOut) fn();
    const err = (data ?? {}) as { message?: unknown; issues?: Issue[] };
    const message =
      typeof err.message === "string" ? err.message : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message, Array.isArray(err.issues) ? err.issues : []);
  }
  return data as T;
}

/** Encodes one path segment. */
export const seg = (s: string): string => encodeURIComponent(s);

export const sitePath = (site: string, rest = ""): string => `/api/sites/${seg(site)}${rest}`;
