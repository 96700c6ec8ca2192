/**
 * The integrations outbox on PostgreSQL, shared by several delivery workers (one per process).
 *
 * `due()` claims what it returns: in one statement it picks pending, due messages with
 * `FOR UPDATE SKIP LOCKED` (a row another worker is claiming right now is skipped, not waited
 * for) and marks them as this instance's until `now + claimMs`. Another instance skips a claimed
 * message until it is settled or the claim runs out (its worker died mid-send: the message is
 * sent again, at least once as the port promises). The instance that claimed a message sees it
 * again in its own `due()` — as on DuckDB, the worker skips its own sends in flight by key — so
 * one process behaves exactly as on the embedded store.
 */
import { randomUUID } from "node:crypto";
import type {
  NewOutboxMessage,
  Outbox,
  OutboxFilter,
  OutboxMessage,
  OutboxMetrics,
  OutboxOutcome,
  OutboxStatus,
} from "../outbox.ts";
import { outboxMetricsOf, outboxMetricsSql } from "../outbox.ts";
import type { PgDb, Row, Value } from "./db.ts";

/** Rows per INSERT (arrays unnested: one statement, 9 parameters, whatever the count). */
const CHUNK = 1000;
/** How long a claim holds by default: longer than a send's timeout plus its bookkeeping. */
export const DEFAULT_CLAIM_MS = 120_000;

const numN = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function message(r: Row): OutboxMessage {
  return {
    key: String(r.key),
    site: String(r.site),
    destination: String(r.destination),
    payload: String(r.payload),
    status: String(r.status) as OutboxStatus,
    attempts: Number(r.attempts),
    retries: Number(r.retries),
    createdAt: Number(r.created_at),
    nextAt: Number(r.next_at),
    settledAt: numN(r.settled_at),
    lastStatus: numN(r.last_status),
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
  };
}

/**
 * PostgreSQL text holds no NUL character (a summary's JSON can, escaped): the visitor column and
 * the erasure's argument go through this one mapping, so they still match.
 */
const pgText = (s: string) => s.replaceAll("\u0000", "\uFFFD");

/**
 * The visitor and session start a summary names (erasure and retention select by them, as the
 * DuckDB outbox reads them from the payload); nulls when the payload is not such JSON.
 */
function summaryKeys(payload: string): { visitor: string | null; startedAt: number | null } {
  let p: unknown;
  try {
    p = JSON.parse(payload);
  } catch {
    return { visitor: null, startedAt: null };
  }
  if (typeof p !== "object" || p === null) return { visitor: null, startedAt: null };
  const { visitor, startedAt } = p as { visitor?: unknown; startedAt?: unknown };
  const t =
    typeof startedAt === "string" && startedAt.trim() !== "" ? Number(startedAt) : startedAt;
  return {
    visitor: typeof visitor === "string" ? pgText(visitor) : null,
    startedAt:
      typeof t === "number" && Math.abs(t) <= Number.MAX_SAFE_INTEGER ? Math.round(t) : null,
  };
}

function count(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
  return n;
}

/** WHERE clauses of a filter, numbered from `$from`. */
function where(f: OutboxFilter, from = 1): { sql: string; params: Value[] } {
  const parts: string[] = [];
  const params: Value[] = [];
  const add = (clause: string, v: Value) => {
    params.push(v);
    parts.push(clause.replace("?", `$${from + params.length - 1}`));
  };
  if (f.site !== undefined) add("site = ?", f.site);
  if (f.destination !== undefined) add("destination = ?", f.destination);
  if (f.status !== undefined) add("status = ?", f.status);
  if (f.keys !== undefined) add("key = ANY(?::text[])", f.keys);
  return { sql: parts.length ? parts.join(" AND ") : "true", params };
}

export interface PostgresOutboxOptions {
  /** How long a message taken by `due()` is left to this instance (ms, on the callers' clock). */
  claimMs?: number;
}

export class PostgresOutbox implements Outbox {
  /** This instance's name on the messages it claims. */
  readonly owner = randomUUID();
  private readonly claimMs: number;

  constructor(
    private readonly db: PgDb,
    options: PostgresOutboxOptions = {},
  ) {
    this.claimMs = count(options.claimMs ?? DEFAULT_CLAIM_MS, "claimMs");
  }

  async enqueue(messages: readonly NewOutboxMessage[], now: number): Promise<number> {
    const unique = [...new Map(messages.map((m) => [m.key, m])).values()];
    let added = 0;
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const keys = chunk.map((m) => summaryKeys(m.payload));
      const r = await this.db.q(
        `INSERT INTO outbox (key, site, destination, payload, visitor, started_at, status,
           attempts, retries, created_at, next_at)
         SELECT k, s, d, p, v, t, 'pending', 0, 0, $7, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
           AS m(k, s, d, p, v, t)
         ON CONFLICT (key) DO NOTHING`,
        [
          chunk.map((m) => m.key),
          chunk.map((m) => m.site),
          chunk.map((m) => m.destination),
          chunk.map((m) => m.payload),
          keys.map((k) => k.visitor),
          keys.map((k) => k.startedAt),
          now,
        ],
      );
      added += r.count;
    }
    return added;
  }

  async due(
    now: number,
    limit: number,
    skip: { keys?: readonly string[]; destinations?: readonly string[] } = {},
  ): Promise<OutboxMessage[]> {
    if (count(limit, "limit") === 0) return [];
    const { rows } = await this.db.q(
      `WITH picked AS (
         SELECT key FROM outbox
         WHERE status = 'pending' AND next_at <= $1
           AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until <= $1)
           AND NOT (key = ANY($3::text[])) AND NOT (destination = ANY($4::text[]))
         ORDER BY next_at, created_at, key
         LIMIT $5
         FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET claimed_by = $2, claimed_until = $1::bigint + $6::bigint
       FROM picked WHERE o.key = picked.key
       RETURNING o.*`,
      [now, this.owner, skip.keys ?? [], skip.destinations ?? [], limit, this.claimMs],
    );
    // UPDATE … RETURNING has no order: oldest first again (keys compare byte-wise, as COLLATE "C").
    return rows
      .map(message)
      .sort(
        (a, b) =>
          a.nextAt - b.nextAt ||
          a.createdAt - b.createdAt ||
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      );
  }

  /** A message claimed by another instance is due for this one when its claim runs out, at the earliest. */
  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.db.q(
      `SELECT min(CASE WHEN claimed_by IS NULL OR claimed_by = $1 THEN next_at
                       ELSE greatest(next_at, claimed_until) END) AS t
       FROM outbox WHERE status = 'pending'`,
      [this.owner],
    );
    return numN(rows[0]?.t);
  }

  async settle(key: string, o: OutboxOutcome): Promise<void> {
    const free = "claimed_by = NULL, claimed_until = NULL";
    if (o.kind === "delivered")
      await this.db.q(
        `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, settled_at = $2,
           last_status = $3, last_error = NULL, ${free} WHERE key = $1 AND status = 'pending'`,
        [key, o.at, o.status],
      );
    else if (o.kind === "retry")
      await this.db.q(
        `UPDATE outbox SET attempts = attempts + $5, retries = retries + 1, next_at = $2,
           last_status = $3, last_error = $4, ${free} WHERE key = $1 AND status = 'pending'`,
        [key, o.nextAt, o.status, o.error.slice(0, 1000), o.throttled ? 0 : 1],
      );
    else
      await this.db.q(
        `UPDATE outbox SET status = 'dead', attempts = attempts + 1, settled_at = $2,
           last_status = $3, last_error = $4, ${free} WHERE key = $1 AND status = 'pending'`,
        [key, o.at, o.status, o.error.slice(0, 1000)],
      );
  }

  async replay(filter: Omit<OutboxFilter, "status">, now: number): Promise<number> {
    const w = where({ ...filter, status: "dead" }, 2);
    const r = await this.db.q(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_at = $1, settled_at = NULL,
         claimed_by = NULL, claimed_until = NULL WHERE ${w.sql}`,
      [now, ...w.params],
    );
    return r.count;
  }

  async get(key: string): Promise<OutboxMessage | null> {
    const { rows } = await this.db.q("SELECT * FROM outbox WHERE key = $1", [key]);
    return rows[0] ? message(rows[0]) : null;
  }

  async list(filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
    const w = where(filter, 2);
    const { rows } = await this.db.q(
      `SELECT * FROM outbox WHERE ${w.sql} ORDER BY created_at, key LIMIT $1`,
      [count(filter.limit ?? 1000, "limit"), ...w.params],
    );
    return rows.map(message);
  }

  async pruneDelivered(before: number): Promise<number> {
    const r = await this.db.q("DELETE FROM outbox WHERE status = 'delivered' AND settled_at < $1", [
      before,
    ]);
    return r.count;
  }

  /**
   * Retention: messages of sessions that started before `before` (the summary's `startedAt`,
   * the same clock as the sessions table's; the creation time only for a payload without it).
   */
  async deleteOlder(site: string, before: number): Promise<number> {
    const r = await this.db.q(
      "DELETE FROM outbox WHERE site = $1 AND coalesce(started_at, created_at) < $2",
      [site, before],
    );
    return r.count;
  }

  async deleteVisitor(site: string, visitor: string): Promise<number> {
    const r = await this.db.q("DELETE FROM outbox WHERE site = $1 AND visitor = $2", [
      site,
      pgText(visitor),
    ]);
    return r.count;
  }

  async metrics(now: number, site?: string): Promise<OutboxMetrics[]> {
    const w = where(site === undefined ? {} : { site });
    const { rows } = await this.db.q(outboxMetricsSql(w.sql), w.params);
    return rows.map((r) => outboxMetricsOf(r, now));
  }
}
