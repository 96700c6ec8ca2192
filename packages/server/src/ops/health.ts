/**
 * Liveness and readiness for orchestrators and load balancers:
 *
 * - `GET /livez`: 200 while the process answers HTTP (restart it when this fails);
 * - `GET /readyz`: 200 when the collector's log accepts appends, the store answers a trivial
 *   query (within 2 s) and the engine's clock is running and not stalled; otherwise 503 with
 *   the failing checks and their reasons (take it out of rotation, do not restart).
 *
 * `/healthz` (app.ts) stays as it was: an alias of liveness.
 */
import type { FastifyInstance } from "fastify";
import { collectorOf } from "../collector/index.ts";
import type { AppContext } from "../context.ts";

export interface Check {
  ok: boolean;
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { log: Check; store: Check; engine: Check };
}

const STORE_TIMEOUT_MS = 2000;
/** The engine is stalled when its clock has not ticked for this many periods (and ≥ 60 s). */
const STALL_PERIODS = 10;

async function storeCheck(ctx: AppContext): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)),
      STORE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([ctx.store.config.listWorkspaces(), timeout]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `store: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

function logCheck(app: FastifyInstance): Check {
  const collector = collectorOf(app);
  if (!collector) return { ok: true, reason: "no collector in this server" };
  const failed = collector.log.failed;
  if (!failed) return { ok: true };
  const code = (failed as NodeJS.ErrnoException).code;
  return { ok: false, reason: `collector log cannot append: ${code ?? failed.message}` };
}

function engineCheck(ctx: AppContext, now: number): Check {
  const host = ctx.host;
  if (!host.running) return { ok: false, reason: "engine clock not running" };
  const limit = Math.max(60_000, STALL_PERIODS * host.tickEveryMs);
  const lag = now - host.lastTickAt;
  if (lag > limit)
    return { ok: false, reason: `engine clock stalled for ${Math.round(lag / 1000)} s` };
  return { ok: true };
}

export async function readiness(app: FastifyInstance, ctx: AppContext): Promise<Readiness> {
  const checks = {
    log: logCheck(app),
    store: await storeCheck(ctx),
    engine: engineCheck(ctx, Date.now()),
  };
  return { ready: checks.log.ok && checks.store.ok && checks.engine.ok, checks };
}

export function registerHealthRoutes(app: FastifyInstance, ctx: () => AppContext): void {
  const noStore = { "cache-control": "no-store" };
  app.get("/livez", async (_req, reply) => reply.headers(noStore).send({ ok: true }));
  app.get("/readyz", async (_req, reply) => {
    const r = await readiness(app, ctx());
    return reply
      .code(r.ready ? 200 : 503)
      .headers(noStore)
      .send(r);
  });
}
