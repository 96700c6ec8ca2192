/**
 * POST /api/admin/backup {dest, withKey?}: the running server copies its data folder
 * (backup.ts), since DuckDB lets one process only open the file. A backup holds every
 * workspace's data, so the caller must be admin of every workspace (an API token: of its own,
 * hence only when there is a single workspace). `dest` must be a new or empty folder under an
 * allowed root — INTENTLY_BACKUP_ROOT (a path-delimited list) or else the data folder's parent —
 * and outside the data folder; errors never name the server's own paths.
 */
import { delimiter, dirname, isAbsolute, resolve, sep } from "node:path";
import { Type } from "@fastify/type-provider-typebox";
import { principalOf } from "../api/auth/principal.ts";
import { badRequest, forbidden } from "../api/errors.ts";
import { collectorOfApi } from "../api/privacy/collector-of.ts";
import type { Api, ApiDeps } from "../api/types.ts";
import { backupDataDir } from "./backup.ts";
import { manifestSummary } from "./manifest.ts";

export const BACKUP_ROOT_ENV = "INTENTLY_BACKUP_ROOT";

export function backupRoots(dataDir: string, env = process.env): string[] {
  const configured = env[BACKUP_ROOT_ENV]?.split(delimiter).filter(Boolean);
  return (configured?.length ? configured : [dirname(resolve(dataDir))]).map((r) => resolve(r));
}

const inside = (path: string, root: string) => path === root || path.startsWith(root + sep);

/** The destination, resolved, or a 400 naming only what the caller gave. */
export function validateBackupDest(dest: string, dataDir: string, env = process.env): string {
  const given = JSON.stringify(dest.slice(0, 200));
  if (!isAbsolute(dest)) throw badRequest(`dest must be an absolute path, got ${given}`);
  const normal = resolve(dest);
  const data = resolve(dataDir);
  if (inside(normal, data) || inside(data, normal))
    throw badRequest(`dest ${given} must not be inside the data folder nor contain it`);
  if (!backupRoots(dataDir, env).some((r) => inside(normal, r)))
    throw badRequest(
      `dest ${given} must be inside ${env[BACKUP_ROOT_ENV] ? `a folder of the server's ${BACKUP_ROOT_ENV}` : `the data folder's parent folder (${BACKUP_ROOT_ENV} allows others)`}`,
    );
  return normal;
}

const Result = Type.Object({
  dest: Type.String(),
  files: Type.Number(),
  bytes: Type.Number(),
  schemaVersion: Type.Number(),
  logUpTo: Type.Union([Type.Number(), Type.Null()]),
  withKey: Type.Boolean(),
  createdAt: Type.String(),
  pausedMs: Type.Number(),
  totalMs: Type.Number(),
});

export function registerBackupRoutes(api: Api, deps: ApiDeps): void {
  const { store, config } = deps.ctx;
  let running = false;
  api.post("/admin/backup", {
    config: { access: "user" },
    schema: {
      tags: ["admin"],
      summary:
        "Copy the data folder, consistently, while the server runs (admins of every workspace)",
      body: Type.Object({
        dest: Type.String({ minLength: 1, maxLength: 4096 }),
        withKey: Type.Optional(Type.Boolean()),
      }),
      response: { 200: Result },
    },
    handler: async (req) => {
      const p = principalOf(req);
      for (const w of await store.config.listWorkspaces())
        if (p.roles.get(w.id) !== "admin")
          throw forbidden("a backup needs the admin role in every workspace");
      const files = store.files;
      if (files === null || config.dataDir === null)
        throw badRequest("this server keeps its data in memory: there is nothing to back up");
      const dest = validateBackupDest(req.body.dest, config.dataDir);
      if (running) throw badRequest("a backup is already running");
      running = true;
      try {
        const log = collectorOfApi(api)?.log ?? null;
        const r = await backupDataDir({ store: files, dataDir: config.dataDir, log }, dest, {
          withKey: req.body.withKey === true,
        }).catch((e: Error) => {
          throw badRequest(e.message.replaceAll(dest, JSON.stringify(req.body.dest)));
        });
        const m = r.manifest;
        return {
          dest: req.body.dest,
          ...manifestSummary(m),
          pausedMs: Math.round(r.pausedMs),
          totalMs: Math.round(r.totalMs),
        };
      } finally {
        running = false;
      }
    },
  });
}
