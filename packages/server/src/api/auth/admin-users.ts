/**
 * Account administration outside the dashboard (issue 23, item 7), for `intently users`: add a
 * user to a workspace with a role, or reset a password (which signs the user out everywhere).
 * Inputs are checked here, with one clear message each; passwords are hashed with Argon2id as
 * the API does, and a generated one is returned once for the caller to show.
 */
import { ROLES, type Role, type Store } from "@intently/store";
import { randomId, secret } from "../ids.ts";
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD } from "./passwords.ts";

export class AdminInputError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;

function checkEmail(email: string): string {
  const e = email.trim();
  if (e.length > MAX_EMAIL || !EMAIL.test(e))
    throw new AdminInputError(`not an e-mail address: ${JSON.stringify(email.slice(0, 80))}`);
  return e;
}

/** The password to set: the given one (checked) or a generated one (returned to be shown). */
function passwordOf(given: string | undefined): { password: string; generated: string | null } {
  if (given === undefined) {
    const generated = secret(15);
    return { password: generated, generated };
  }
  if (given.length < MIN_PASSWORD || given.length > MAX_PASSWORD)
    throw new AdminInputError(
      `the password must have ${MIN_PASSWORD} to ${MAX_PASSWORD} characters (got ${given.length})`,
    );
  return { password: given, generated: null };
}

export interface UserChange {
  userId: string;
  email: string;
  /** The generated password, to show once (null when one was given). */
  generatedPassword: string | null;
}

/** Adds a user (or gives an existing one) the role in the workspace. */
export async function addUser(
  store: Store,
  o: { email: string; workspace: string; role: string; password?: string },
): Promise<UserChange & { created: boolean }> {
  const email = checkEmail(o.email);
  if (!(ROLES as readonly string[]).includes(o.role))
    throw new AdminInputError(`role must be one of ${ROLES.join(", ")}, got ${o.role}`);
  if (!(await store.config.getWorkspace(o.workspace)))
    throw new AdminInputError(`no workspace "${o.workspace}"`);
  const existing = await store.config.getUserByEmail(email);
  let generatedPassword: string | null = null;
  let user = existing;
  if (!user) {
    const p = passwordOf(o.password);
    generatedPassword = p.generated;
    user = await store.config.createUser({
      id: randomId("usr_"),
      email,
      passwordHash: await hashPassword(p.password),
    });
  } else if (o.password !== undefined)
    throw new AdminInputError(`${email} exists: use reset-password to change the password`);
  await store.config.setMembership({
    workspaceId: o.workspace,
    userId: user.id,
    role: o.role as Role,
  });
  return { userId: user.id, email: user.email, generatedPassword, created: !existing };
}

/** Sets a new password and ends every sign-in of the user. */
export async function resetPassword(
  store: Store,
  o: { email: string; password?: string },
): Promise<UserChange & { signedOut: number }> {
  const email = checkEmail(o.email);
  const user = await store.config.getUserByEmail(email);
  if (!user) throw new AdminInputError(`no user ${email}`);
  const p = passwordOf(o.password);
  await store.config.updateUser(user.id, { passwordHash: await hashPassword(p.password) });
  const signedOut = await store.loginSessions.deleteUser(user.id);
  return { userId: user.id, email: user.email, generatedPassword: p.generated, signedOut };
}
