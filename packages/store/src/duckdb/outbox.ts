/**
 * The outbox table on DuckDB. Every operation is one auto-committed statement on the
 * configuration connection (never inside a bulk write's transaction), serialised here so a
 * slow report never delays a send's bookkeeping and two updates never race on one row.
 */
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
import type { Db, Params, Row } from "./db.ts";

/** Rows per INSERT statement. */
const CHUNK = 100;

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

/** A DELETE's row count (DuckDB answers one row with `Count`). */
const deletedCount = (rows: Row[]) => Number(rows[0]?.Count ?? 0);

/** WHERE clauses and parameters of a filter. */
function where(f: OutboxFilter): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Params = {};
  if (f.site !== undefined) {
    parts.push("site = $site");
    params.site = f.site;
  }
  if (f.destination !== undefined) {
    parts.push("destination = $destination");
    params.destination = f.destination;
  }
  if (f.status !== undefined) {
    parts.push("status = $status");
    params.status = f.status;
  }
  if (f.keys !== undefined) {
    parts.push("list_contains($keys, key)");
    params.keys = f.keys;
  }
  return { sql: parts.length ? parts.join(" AND ") : "true", params };
}

export class DuckDbOutbox implements Outbox {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  private sql(sql: string, params?: Params): Promise<Row[]> {
    const run = this.chain.then(() => this.db.config(sql, params));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async enqueue(messages: readonly NewOutboxMessage[], now: number): Promise<number> {
    const unique = [...new Map(messages.map((m) => [m.key, m])).values()];
    let added = 0;
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const params: Params = { at: now };
      const values = chunk.map((m, j) => {
        params[`k${j}`] = m.key;
        params[`s${j}`] = m.site;
        params[`d${j}`] = m.destination;
        params[`p${j}`] = m.payload;
        return `($k${j}, $s${j}, $d${j}, $p${j}, 'pending', 0, 0, $at, $at, NULL, NULL, NULL)`;
      });
      const rows = await this.sql(
        `INSERT INTO outbox VALUES ${values.join(", ")} ON CONFLICT (key) DO NOTHING RETURNING key`,
        params,
      );
      added += rows.length;
    }
    return added;
  }

  async due(
    now: number,
    limit: number,
    skip: { keys?: readonly string[]; destinations?: readonly string[] } = {},
  ): Promise<OutboxMessage[]> {
    const rows = await this.sql(
      `SELECT * FROM outbox WHERE status = 'pending' AND next_at <= $now
         AND NOT list_contains($keys, key) AND NOT list_contains($dests, destination)
       ORDER BY next_at, created_at, key LIMIT $limit`,
      { now, limit, keys: [...(skip.keys ?? [])], dests: [...(skip.destinations ?? [])] },
    );
    return rows.map(message);
  }

  async nextDueAt(): Promise<number | null> {
    const rows = await this.sql("SELECT min(next_at) AS t FROM outbox WHERE status = 'pending'");
    return numN(rows[0]?.t);
  }

  async settle(key: string, o: OutboxOutcome): Promise<void> {
    const base = { key, at: o.at, status: o.status };
    if (o.kind === "delivered")
      await this.sql(
        `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, settled_at = $at,
           last_status = $status, last_error = NULL WHERE key = $key AND status = 'pending'`,
        base,
      );
    else if (o.kind === "retry")
      await this.sql(
        `UPDATE outbox SET attempts = attempts + $used, retries = retries + 1, next_at = $next,
           last_status = $status, last_error = $error WHERE key = $key AND status = 'pending'`,
        { ...base, next: o.nextAt, error: o.error.slice(0, 1000), used: o.throttled ? 0 : 1 },
      );
    else
      await this.sql(
        `UPDATE outbox SET status = 'dead', attempts = attempts + 1, settled_at = $at,
           last_status = $status, last_error = $error WHERE key = $key AND status = 'pending'`,
        { ...base, error: o.error.slice(0, 1000) },
      );
  }

  async replay(filter: Omit<OutboxFilter, "status">, now: number): Promise<number> {
    const w = where({ ...filter, status: "dead" });
    const rows = await this.sql(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_at = $now, settled_at = NULL
       WHERE ${w.sql} RETURNING key`,
      { ...w.params, now },
    );
    return rows.length;
  }

  async get(key: string): Promise<OutboxMessage | null> {
    const rows = await this.sql("SELECT * FROM outbox WHERE key = $key", { key });
    return rows[0] ? message(rows[0]) : null;
  }

  async list(filter: OutboxFilter = {}): Promise<OutboxMessage[]> {
    const w = where(filter);
    const rows = await this.sql(
      `SELECT * FROM outbox WHERE ${w.sql} ORDER BY created_at, key LIMIT $limit`,
      { ...w.params, limit: filter.limit ?? 1000 },
    );
    return rows.map(message);
  }

  async pruneDelivered(before: number): Promise<number> {
    const rows = await this.sql(
      "DELETE FROM outbox WHERE status = 'delivered' AND settled_at < $before",
      { before },
    );
    return deletedCount(rows);
  }

  /**
   * Retention: messages of sessions that started before `before` (the payload's `startedAt`,
   * the same clock as the sessions table's; the creation time only for a payload without it).
   */
  async deleteOlder(site: string, before: number): Promise<number> {
    const rows = await this.sql(
      `DELETE FROM outbox WHERE site = $site AND coalesce(
         try(CAST(json_extract_string(payload, '$.startedAt') AS BIGINT)), created_at) < $before`,
      { site, before },
    );
    return deletedCount(rows);
  }

  async deleteVisitor(site: string, visitor: string): Promise<number> {
    // The payload is the session summary, which names its visitor. try(): a payload that is not
    // JSON (never written so) must not block an erasure.
    const rows = await this.sql(
      `DELETE FROM outbox WHERE site = $site
         AND try(json_extract_string(payload, '$.visitor')) = $visitor`,
      { site, visitor },
    );
    return deletedCount(rows);
  }

  async metrics(now: number, site?: string): Promise<OutboxMetrics[]> {
    const w = where(site === undefined ? {} : { site });
    const rows = await this.sql(outboxMetricsSql(w.sql), w.params);
    return rows.map((r) => outboxMetricsOf(r, now));
  }
}
