/**
 * First start: when no workspace has a member, an admin account is created — from
 * INTENTLY_ADMIN_EMAIL / INTENTLY_ADMIN_PASSWORD when set, else `admin@intently.local` with a
 * generated password printed once — and made admin of every workspace (a `default` workspace is
 * created when there is none, e.g. of sites loaded by a demo before anyone signed up).
 */
import type { Store } from "@intently/store";
import { randomId, secret } from "../ids.ts";
import { hashPassword, MIN_PASSWORD } from "./passwords.ts";

export const DEFAULT_ADMIN_EMAIL = "admin@intently.local";
export const DEFAULT_WORKSPACE = { id: "default", name: "Default workspace" };

export interface AdminCreated {
  email: string;
  userId: string;
  workspaceIds: string[];
  /** The generated password (null when it came from the environment). */
  generatedPassword: string | null;
}

export async function ensureAdmin(
  store: Store,
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<AdminCreated | null> {
  const config = store.config;
  let workspaces = await config.listWorkspaces();
  for (const w of workspaces) if ((await config.members(w.id)).length > 0) return null;
  if (workspaces.length === 0) workspaces = [await config.createWorkspace(DEFAULT_WORKSPACE)];

  const email = env.INTENTLY_ADMIN_EMAIL?.trim() || DEFAULT_ADMIN_EMAIL;
  const given = env.INTENTLY_ADMIN_PASSWORD;
  if (given !== undefined && given !== "" && given.length < MIN_PASSWORD) {
    throw new Error(`INTENTLY_ADMIN_PASSWORD must have at least ${MIN_PASSWORD} characters`);
  }
  const generatedPassword = given ? null : secret(15);
  const password = given || generatedPassword!;
  const existing = await config.getUserByEmail(email);
  const user =
    existing ??
    (await config.createUser({
      id: randomId("usr_"),
      email,
      passwordHash: await hashPassword(password),
    }));
  if (existing)
    await config.updateUser(existing.id, { passwordHash: await hashPassword(password) });
  for (const w of workspaces)
    await config.setMembership({ workspaceId: w.id, userId: user.id, role: "admin" });

  if (generatedPassword !== null) {
    print(`Intently: created the admin account ${email} with password ${generatedPassword}`);
    print(
      "  (shown once: sign in and change it, or set INTENTLY_ADMIN_EMAIL/INTENTLY_ADMIN_PASSWORD)",
    );
  } else
    print(`Intently: created the admin account ${email} (password from INTENTLY_ADMIN_PASSWORD)`);
  return {
    email: user.email,
    userId: user.id,
    workspaceIds: workspaces.map((w) => w.id),
    generatedPassword,
  };
}
