/** The caller's workspaces with their role, in the shape of WorkspaceView. */
import type { Role, Store, User } from "@intently/store";

export interface WorkspaceOut {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
}

export async function workspacesOf(
  store: Store,
  roles: Map<string, Role>,
): Promise<WorkspaceOut[]> {
  const out: WorkspaceOut[] = [];
  for (const [id, role] of roles) {
    const w = await store.config.getWorkspace(id);
    if (w) out.push({ id: w.id, name: w.name, role, createdAt: w.createdAt });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export const userOut = (u: User) => ({ id: u.id, email: u.email, createdAt: u.createdAt });
