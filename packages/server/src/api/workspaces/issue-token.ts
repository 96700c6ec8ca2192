/**
 * Issuing an API token: `itk_` + 256 random bits, shown once; the store keeps its SHA-256. For
 * POST /api/workspaces/:workspace/tokens and POST /api/workspaces (a token's new workspace), and
 * `intently tokens add` on a stopped server (issue 23, admin CLI), which names the user the
 * token acts for: a member of the workspace, the token's role at most theirs.
 */
import { type ApiToken, ROLES, type Role, type Store } from "@intently/store";
import { AdminInputError } from "../auth/admin-users.ts";
import { randomId, secret, sha256 } from "../ids.ts";

export async function issueToken(
  store: Store,
  o: { workspaceId: string; userId: string; name: string; role: Role },
): Promise<{ token: ApiToken; raw: string }> {
  const raw = `itk_${secret()}`;
  const token = await store.config.createToken({
    id: randomId("tok_"),
    workspaceId: o.workspaceId,
    userId: o.userId,
    name: o.name.trim(),
    tokenHash: sha256(raw),
    role: o.role,
  });
  return { token, raw };
}

const rank = (r: Role) => ROLES.length - 1 - ROLES.indexOf(r);

/** `intently tokens add`: the user by e-mail, checked like the API checks its callers. */
export async function addToken(
  store: Store,
  o: { workspace: string; email: string; name: string; role: string },
): Promise<{ token: ApiToken; raw: string }> {
  const name = o.name.trim();
  if (name.length < 1 || name.length > 120)
    throw new AdminInputError("the token's name must have 1 to 120 characters");
  if (!(ROLES as readonly string[]).includes(o.role))
    throw new AdminInputError(`role must be one of ${ROLES.join(", ")}, got ${o.role}`);
  if (!(await store.config.getWorkspace(o.workspace)))
    throw new AdminInputError(`no workspace "${o.workspace}"`);
  const user = await store.config.getUserByEmail(o.email.trim());
  if (!user) throw new AdminInputError(`no user ${o.email}`);
  if (user.disabled) throw new AdminInputError(`${user.email} is disabled`);
  const member = (await store.config.memberships(user.id)).find(
    (m) => m.workspaceId === o.workspace,
  );
  if (!member) throw new AdminInputError(`${user.email} is not a member of ${o.workspace}`);
  const role = o.role as Role;
  if (rank(role) > rank(member.role))
    throw new AdminInputError(
      `${user.email} is ${member.role} of ${o.workspace}: a token cannot have more (${role})`,
    );
  return issueToken(store, { workspaceId: o.workspace, userId: user.id, name, role });
}
