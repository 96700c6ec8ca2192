/**
 * What signing in shares between `POST /api/auth/login` and accepting an invitation signed
 * out: the limiter's admission (429 beyond), and starting a session (a new id every time, the
 * browser's previous one ended) with the answer both routes give.
 */
import type { User } from "@intently/store";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors.ts";
import type { ApiDeps } from "../types.ts";
import { userOut, workspacesOf } from "../workspaces/views.ts";
import { readCookie, SESSION_COOKIE, sessionCookie } from "./cookies.ts";
import { verifyPassword } from "./passwords.ts";
import type { Attempt } from "./rate-limit.ts";

/** A login attempt admitted by the limiter, or 429 with Retry-After. */
export function admit(deps: ApiDeps, email: string, ip: string, message: string): Attempt {
  const { attempt, retryAfter } = deps.limiter.acquire(email, ip);
  if (!attempt)
    throw new HttpError(429, { message, headers: { "retry-after": String(retryAfter) } });
  return attempt;
}

/**
 * The user of `email` when `password` is theirs (and the account is enabled), else null. The
 * attempt is counted by the limiter before the password is checked (429 when over the limit);
 * an unknown email is checked against a dummy hash all the same.
 */
export async function checkPassword(
  deps: ApiDeps,
  req: FastifyRequest,
  email: string,
  password: string,
): Promise<User | null> {
  const attempt = admit(deps, email, req.ip, "too many failed sign-ins: try again later");
  try {
    const user = await deps.ctx.store.config.getUserByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!ok || !user || user.disabled) return null;
    attempt.succeed();
    return user;
  } finally {
    attempt.settle();
  }
}

/** Starts a session for `user`: sets the cookie and answers `SignedIn`. */
export async function startSession(
  deps: ApiDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  user: User,
) {
  // A new session id at every sign-in (no fixation); the one the browser had ends.
  const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (previous) await deps.sessions.destroy(previous);
  const { cookie, session } = await deps.sessions.create(user.id);
  const maxAge = deps.sessions.options.maxAgeMs / 1000;
  reply.header("set-cookie", sessionCookie(cookie, maxAge, deps.secureCookies));
  reply.header("cache-control", "no-store");
  return signedIn(deps, user, session.csrfToken);
}

/** The `SignedIn` answer for a user of a session with this CSRF token. */
export async function signedIn(deps: ApiDeps, user: User, csrfToken: string | null) {
  const { store } = deps.ctx;
  const roles = new Map(
    (await store.config.memberships(user.id)).map((m) => [m.workspaceId, m.role]),
  );
  return {
    user: userOut(user),
    auth: "session" as const,
    csrfToken,
    workspaces: await workspacesOf(store, roles),
  };
}
