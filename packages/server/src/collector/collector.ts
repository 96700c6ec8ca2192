/**
 * The collect pipeline, independent of HTTP: (admission before the body is read) → parse →
 * validate → time window → site → origin → consent settings (202 {stop}) → rate limits → dedupe (409 when the id was seen with
 * other content) → load check → clock correction → durable log (group commit) → engine → answer.
 * Nothing changes state before the batch is durable; every refusal is a 4xx/503 with a reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateBatch } from "@intently/engine";
import { rewriteExports } from "@intently/integrations";
import type { AppContext } from "../context.ts";
import { applyRecordSliced, type CollectResponse, currentView, responseOf } from "./apply.ts";
import { ApplySlices } from "./apply-slices.ts";
import { Checkpointer } from "./checkpoint.ts";
import { consentStop, STOP_STATUS, type StopBody, stopBody } from "./consent.ts";
import {
  type BatchOutcome,
  conflicts,
  contentHash,
  IdempotencyIndex,
  NO_CHANGE,
} from "./idempotency.ts";
import { IdentityKeys } from "./identities.ts";
import { CollectorLog } from "./log.ts";
import { type RewriteStats, rewriteSegments } from "./log-rewrite.ts";
import type { CollectorOptions } from "./options.ts";
import { OverloadGuard } from "./overload.ts";
import { type Headers, prepare, timeIssues } from "./prepare.ts";
import { TokenBuckets } from "./rate-limit.ts";
import { type BatchRecord, batchKey } from "./records.ts";
import { type RecoveryStats, recover } from "./recover.ts";
import { refusedOrigins } from "./refused-origins.ts";
import { SiteDirectory } from "./sites.ts";
import { type ErasureTarget, Tombstones } from "./tombstones.ts";

export interface Reply {
  status: number;
  body:
    | CollectResponse
    | { error: string; [k: string]: unknown }
    | Partial<CollectResponse>
    | StopBody;
  /** Seconds, for 429 and 503. */
  retryAfter?: number;
  /** The Origin is not allowed: no Access-Control-Allow-Origin on this answer. */
  denyOrigin?: boolean;
  /** Answer to a batch id already applied. */
  duplicate?: boolean;
}

const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { error: message, ...extra },
});

/** A batch id seen before with other content: not a retry, and never applied. */
const reused = (batch: string): Reply =>
  error(409, "batch id already used with different content", { batch });

export class Collector {
  readonly index: IdempotencyIndex;
  readonly sites: SiteDirectory;
  private readonly siteBuckets: TokenBuckets;
  private readonly visitorBuckets: TokenBuckets;
  private readonly guard: OverloadGuard;
  private readonly checkpoints: Checkpointer;
  /** Accepted batches are applied one at a time, in log order, yielding between slices. */
  private readonly slices = new ApplySlices();
  private readonly window: { maxAgeMs: number; maxAheadMs: number };
  private closing: Promise<void> | null = null;
  readonly identities: IdentityKeys;
  /** An interrupted erasure being finished at start (awaited by close). */
  private finishing: Promise<void> | null = null;

  private constructor(
    private readonly ctx: AppContext,
    readonly options: CollectorOptions,
    readonly log: CollectorLog,
    readonly recovery: RecoveryStats,
    index: IdempotencyIndex,
    private readonly tempDir: string | null,
    private readonly tombstones: Tombstones,
  ) {
    this.index = index;
    this.identities = new IdentityKeys(ctx.config.dataDir);
    this.sites = new SiteDirectory(ctx.store.config, options.siteCacheMs);
    this.siteBuckets = new TokenBuckets(options.siteRate, options.maxBuckets);
    this.visitorBuckets = new TokenBuckets(options.visitorRate, options.maxBuckets);
    this.guard = new OverloadGuard(options, log, ctx.store);
    this.window = { maxAgeMs: options.maxEventAgeMs, maxAheadMs: options.maxEventAheadMs };
    ctx.host.tickGate = (tick) => this.slices.between(tick);
    this.checkpoints = new Checkpointer(
      log,
      ctx.store,
      { everyMs: options.checkpointEveryMs, retentionMs: options.logRetentionMs },
      { applied: recovery.lastSeq, checkpointed: recovery.checkpoint },
    );
  }

  /** Opens the log (`<dataDir>/log`, or a temporary directory) and recovers from it. */
  static start(
    ctx: AppContext,
    options: CollectorOptions,
    storedEnds?: ReadonlyMap<string, number>,
  ): Collector {
    const dataDir = ctx.config.dataDir;
    const tempDir =
      options.logDir || dataDir ? null : mkdtempSync(join(tmpdir(), "intently-collector-"));
    const dir = options.logDir ?? (dataDir ? join(dataDir, "log") : join(tempDir!, "log"));
    const log = CollectorLog.open(dir, options.log);
    const index = new IdempotencyIndex(options.idempotencyWindowMs, options.idempotencyMaxKeys);
    const tombstones = new Tombstones(dir);
    const recovery = recover(log, ctx.host, index, {
      erased: (site, visitor) => tombstones.has(site, visitor),
      storedEnds,
      now: Date.now(),
      idempotencyWindowMs: options.idempotencyWindowMs,
      idempotencyMaxKeys: options.idempotencyMaxKeys,
      replayWindowMs: options.replayWindowMs,
      sessionTimeoutMs: ctx.host.engine.sessionTimeoutMs,
    });
    const collector = new Collector(ctx, options, log, recovery, index, tempDir, tombstones);
    if (tombstones.pending) collector.finishing = collector.finishErasure().catch(() => {});
    return collector;
  }

  /**
   * Admission before the body is read: a 503 refusal (too many requests in flight, memory,
   * queues), or null — the request then counts as in flight until `release()`.
   */
  admit(): Reply | null {
    return this.refusal(this.guard.admit());
  }

  release(): void {
    this.guard.release();
  }

  /** Collect requests admitted and not yet answered. */
  get inFlight(): number {
    return this.guard.active;
  }

  private refusal(reason: string | null): Reply | null {
    if (!reason) return null;
    return {
      ...error(503, "overloaded", { reason }),
      retryAfter: this.options.overloadRetryAfterS,
    };
  }

  async collect(raw: unknown, headers: Headers, now = Date.now()): Promise<Reply> {
    if (typeof raw !== "string" || raw.length === 0) return error(400, "empty body");
    let input: unknown;
    try {
      input = JSON.parse(raw);
    } catch (e) {
      return error(400, "malformed JSON", { message: (e as Error).message });
    }
    const v = validateBatch(input);
    if (!v.ok) return error(400, "invalid batch", { issues: v.issues });
    const batch = v.value;
    const late = timeIssues(batch, this.window);
    if (late.length > 0) return error(400, "invalid batch", { issues: late });
    const known = await this.sites.byKey(batch.site);
    if (!known) return error(404, "unknown site");
    const origin = headers.origin;
    if (typeof origin === "string" && !known.allows(origin)) {
      refusedOrigins(this.ctx.store).record(known.site.id, origin, now); // for the Tag panel
      return { ...error(403, "origin not allowed", { origin }), denyOrigin: true };
    }
    const stop = consentStop(known.site.settings, batch, headers);
    if (stop) return { status: STOP_STATUS, body: stop };
    const site = known.site.id;
    if (this.tombstones.has(site, batch.visitor))
      return { status: STOP_STATUS, body: stopBody("erased") };
    const wait =
      this.siteBuckets.take(site, now) ||
      this.visitorBuckets.take(`${site}\u0000${batch.visitor}`, now);
    if (wait > 0) return { ...error(429, "rate limited"), retryAfter: wait };
    const key = batchKey(site, batch.session, batch.batch);
    const hash = contentHash(batch);
    const done = this.index.get(key);
    if (done) {
      if (conflicts(done.hash, hash)) return reused(batch.batch);
      return this.duplicate(site, batch.session, done.outcome);
    }
    const running = this.index.inFlight(key);
    if (running) {
      if (conflicts(running.hash, hash)) return reused(batch.batch);
      const first = (await running.attempt) as Reply;
      return first.status === 200 ? { ...first, duplicate: true } : first;
    }
    const over = this.refusal(this.guard.check());
    if (over) return over;
    this.identities.key(batch, known.site);
    const rec = prepare(batch, site, headers, now, hash);
    return this.index.track(key, hash, this.commit(rec, key));
  }

  /** Whether a preflight from `origin` (for the site `siteKey`, when given) is allowed. */
  async preflightAllowed(origin: string, siteKey?: string): Promise<boolean> {
    if (siteKey) {
      const known = await this.sites.byKey(siteKey);
      return known ? known.allows(origin) : false;
    }
    return this.sites.anyAllows(origin);
  }

  /** Durable first, then the engine; the answer carries the memberships after the batch. */
  private async commit(rec: BatchRecord, key: string): Promise<Reply> {
    try {
      // Queued for the engine once durable, in sequence order (onDurable's); the promise
      // resolves with the answer after the whole batch is applied.
      return await this.log.append(JSON.stringify(rec), (seq) =>
        this.slices.run(() => this.apply(rec, key, seq)),
      );
    } catch (e) {
      // The log refuses appends until its probe sees the cause gone (log.ts); the tag retries.
      const reason = (e as NodeJS.ErrnoException).code ?? "log failed";
      return {
        ...error(503, "log unavailable", { reason }),
        retryAfter: this.options.overloadRetryAfterS,
      };
    }
  }

  /** Applies a durable batch (in slices) and answers with the memberships after it. */
  private async apply(rec: BatchRecord, key: string, seq: number): Promise<Reply> {
    // Erased while it waited for its turn: never applied (its log copy is rewritten away).
    if (this.tombstones.erasedHere(rec.site, rec.visitor)) {
      this.checkpoints.markApplied(seq);
      return { status: STOP_STATUS, body: stopBody("erased") };
    }
    const applied = await applyRecordSliced(this.ctx.host, rec, this.slices);
    this.checkpoints.markApplied(seq);
    const outcome = applied?.outcome ?? NO_CHANGE;
    this.index.add(key, outcome, rec.at, rec.h);
    return applied
      ? { status: 200, body: responseOf(applied.last, outcome) }
      : this.duplicate(rec.site, rec.session, outcome);
  }

  /**
   * The answer to a batch id already applied: the session's memberships now, with the enter /
   * exit of the original attempt. When the session has ended there is nothing current to tell:
   * the answer carries no `segments`, so the tag keeps what it knows.
   */
  private duplicate(site: string, session: string, outcome: BatchOutcome): Reply {
    const u = currentView(this.ctx.host, site, session);
    const body = u ? responseOf(u, outcome) : { enter: outcome.enter, exit: outcome.exit };
    return { status: 200, body, duplicate: true };
  }

  /**
   * The first step of an erasure (issue 22): tombstones and the pending erasure, durable before
   * this returns. Batches waiting to be applied are then skipped by `apply`, and later ones
   * under these ids are refused; `eraseFromLog` follows, and `erasureDone` at the end.
   */
  tombstone(site: string, visitors: readonly string[]): void {
    if (visitors.length === 0) return;
    this.tombstones.add(site, visitors);
    this.tombstones.setPending(
      true,
      visitors.map((visitor) => ({ site, visitor })),
    );
  }

  /** The closed log segments rewritten without the visitors' batches (after `tombstone`). */
  async eraseFromLog(site: string, visitors: readonly string[]): Promise<RewriteStats> {
    if (visitors.length === 0) return { segments: 0, batches: 0, visitors: new Set() };
    const upTo = await this.log.seal();
    const ids = new Set(visitors);
    return rewriteSegments(this.log.dir, upTo, (r) => r.site === site && ids.has(r.visitor));
  }

  /**
   * Retention in the log (issue 22): each site's batches received before its cutoff are
   * dropped from the checkpointed segments (the log's own pruning keeps at most
   * `logRetentionMs`; a site may keep less). Returns the batches dropped by site.
   */
  async retainLog(cutoffs: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const oldest = Math.max(0, ...cutoffs.values());
    if (cutoffs.size === 0) return out;
    const sealed = await this.log.seal();
    // Only batches whose rows the store holds (up to the last checkpoint) may leave the log.
    const stored = this.checkpoints.lastCheckpoint;
    await rewriteSegments(
      this.log.dir,
      sealed,
      (r, seq) => {
        const cut = cutoffs.get(r.site);
        if (cut === undefined || r.at >= cut || seq > stored) return false;
        out.set(r.site, (out.get(r.site) ?? 0) + 1);
        return true;
      },
      oldest,
    );
    return out;
  }

  /** Every copy is gone (store, log, exports): a restart has nothing left to finish. */
  erasureDone(site: string, visitors: readonly string[]): void {
    if (visitors.length === 0) return;
    this.tombstones.setPending(
      false,
      visitors.map((visitor) => ({ site, visitor })),
    );
  }

  /**
   * Erasures cut short by a crash: the log is rewritten without every tombstoned batch; the
   * visitors named in the pending file, and any found in the log, are erased from the store
   * and from the export files of the days their sessions ended; the store's file is compacted
   * at its next open.
   */
  private async finishErasure(): Promise<void> {
    const targets = new Map<string, ErasureTarget>();
    for (const t of this.tombstones.pendingTargets()) targets.set(`${t.site}\u0000${t.visitor}`, t);
    const found = await rewriteSegments(this.log.dir, this.log.next - 1, (r) =>
      this.tombstones.has(r.site, r.visitor),
    );
    for (const pair of found.visitors) {
      const [site, visitor] = pair.split("\u0000") as [string, string];
      targets.set(pair, { site, visitor });
    }
    for (const { site, visitor } of targets.values()) {
      const { endedDays } = await this.ctx.store.eraseVisitor(site, visitor);
      await rewriteExports(this.ctx.store, site, endedDays);
    }
    this.ctx.store.requestCompaction();
    this.tombstones.setPending(false);
  }

  /** Final checkpoint, then the log is drained and closed. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.guard.stop();
      await this.finishing;
      // Everything acknowledged is applied before the last checkpoint says so.
      await this.log.drain();
      await this.slices.drain();
      this.ctx.host.tickGate = null;
      await this.checkpoints.close(this.options.sessionsEndOnClose);
      await this.log.close();
      if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    })();
    return this.closing;
  }
}
