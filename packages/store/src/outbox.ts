/**
 * The durable outbox of post-session integrations (docs/product/activation.md#integrations): one
 * message per session summary and destination, committed before any send so a crash loses nothing
 * (at-least-once delivery; receivers dedupe on the message key, which is also the idempotency key
 * they are sent).
 */

export type OutboxStatus = "pending" | "delivered" | "dead";

export interface NewOutboxMessage {
  /** Idempotency key, unique: `${site}:${session}:${destination}`. */
  key: string;
  site: string;
  /** The integration id the message goes to. */
  destination: string;
  /** JSON text (the session summary). */
  payload: string;
}

export interface OutboxMessage extends NewOutboxMessage {
  status: OutboxStatus;
  /** Sends tried so far (since the last replay). */
  attempts: number;
  /** Failed sends that were scheduled again (cumulative, for the "retried" metric). */
  retries: number;
  createdAt: number;
  /** Earliest time of the next send (pending messages). */
  nextAt: number;
  /** When it was delivered, or dead-lettered. */
  settledAt: number | null;
  /** HTTP status of the last answer (0: no answer). */
  lastStatus: number | null;
  lastError: string | null;
}

/** What one send attempt came to. */
export type OutboxOutcome =
  | { kind: "delivered"; at: number; status: number }
  | {
      kind: "retry";
      at: number;
      nextAt: number;
      status: number;
      error: string;
      /** A rate limit answer (429): tried again without using up an attempt. */
      throttled?: boolean;
    }
  | { kind: "dead"; at: number; status: number; error: string };

export interface OutboxFilter {
  site?: string;
  destination?: string;
  status?: OutboxStatus;
  keys?: string[];
  limit?: number;
}

export interface OutboxMetrics {
  site: string;
  destination: string;
  pending: number;
  /** Delivered messages still kept (delivered ones are pruned after a retention period). */
  delivered: number;
  /** Failed attempts that were retried. */
  retried: number;
  /** Dead letters (failed for good). */
  dead: number;
  /** Age of the oldest pending message at `now`, ms (0 when none is pending). */
  lagMs: number;
}

/**
 * Both backends' metrics query: per site and destination, counts by status, retries and the
 * oldest pending message; `where` is the backend's filter (its own placeholders).
 */
export const outboxMetricsSql = (where: string) =>
  `SELECT site, destination,
         count(*) FILTER (WHERE status = 'pending') AS pending,
         count(*) FILTER (WHERE status = 'delivered') AS delivered,
         coalesce(sum(retries), 0) AS retried,
         count(*) FILTER (WHERE status = 'dead') AS dead,
         min(created_at) FILTER (WHERE status = 'pending') AS oldest
       FROM outbox WHERE ${where} GROUP BY site, destination ORDER BY site, destination`;

/** One row of `outboxMetricsSql` as OutboxMetrics at `now`. */
export function outboxMetricsOf(r: Record<string, unknown>, now: number): OutboxMetrics {
  return {
    site: String(r.site),
    destination: String(r.destination),
    pending: Number(r.pending),
    delivered: Number(r.delivered),
    retried: Number(r.retried),
    dead: Number(r.dead),
    lagMs: r.oldest === null ? 0 : Math.max(0, now - Number(r.oldest)),
  };
}

export interface Outbox {
  /** Commits messages; keys already present are left alone. Returns how many were added. */
  enqueue(messages: readonly NewOutboxMessage[], now: number): Promise<number>;
  /** Pending messages due at `now`, oldest first, skipping the given keys and destinations. */
  due(
    now: number,
    limit: number,
    skip?: { keys?: readonly string[]; destinations?: readonly string[] },
  ): Promise<OutboxMessage[]>;
  /** Earliest `nextAt` of the pending messages, or null. */
  nextDueAt(): Promise<number | null>;
  /** Records the result of one attempt. */
  settle(key: string, outcome: OutboxOutcome): Promise<void>;
  /** Dead letters matching the filter go back to pending (attempts reset). Returns the count. */
  replay(filter: Omit<OutboxFilter, "status">, now: number): Promise<number>;
  get(key: string): Promise<OutboxMessage | null>;
  list(filter?: OutboxFilter): Promise<OutboxMessage[]>;
  metrics(now: number, site?: string): Promise<OutboxMetrics[]>;
  /**
   * Deletes delivered messages settled before `before` (their receivers have them); pending
   * messages and dead letters are kept. Returns the count.
   */
  pruneDelivered(before: number): Promise<number>;
  /** Deletes a site's messages created before `before`, whatever their status (retention). */
  deleteOlder(site: string, before: number): Promise<number>;
  /**
   * Deletes every message (pending, delivered or dead) whose session summary is of this visitor
   * of the site (erasure). Returns the count.
   */
  deleteVisitor(site: string, visitor: string): Promise<number>;
}
