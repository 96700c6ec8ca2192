/**
 * The soak's load: an open-loop scheduler (a rate, not a closed loop) posting the sessions of
 * sessions.ts to the server's `/v1/collect` on 127.0.0.1.
 *
 * - Sessions start at the rate that makes `rate` events/s: session k starts when the events
 *   given to the sessions before it reach rate × elapsed time. The run begins as if the load had
 *   already run for `prefillSeconds` (sessions under way; their batches due before the start are
 *   never sent), so the event rate is steady from the first second rather than ramping up.
 * - Each batch is due at its last event's time; a session sends one batch at a time (the tag
 *   waits for an answer), so a batch due while the previous one is in flight goes after it.
 *   At most `concurrency` requests are in flight; beyond that due batches wait in a FIFO.
 *   Latency is measured from the time a batch was due (the wait for a connection included, so
 *   a stalled server is not hidden by the scheduler slowing down) and, apart, from its write.
 * - 2 % of acknowledged batches are sent again 1 s after their answer, the same body under the
 *   same batch id (a new sentAt): each must be answered 200 with `Intently-Duplicate: 1`.
 *   A request that fails without an answer (socket error, timeout) is retried after 1 s, as the
 *   tag retries network errors, at most twice.
 * - Bounded: nothing is sent after `seconds`, at most `maxRequests` requests, each request
 *   times out after `timeoutMs`.
 */
import { Agent, request } from "node:http";
import { MinHeap } from "@intently/simulator";
import { quantile } from "../runner.ts";
import { SessionSource, SHAPE, type SoakBatch, type SoakSession } from "./sessions.ts";

export interface SoakLoadOptions {
  port: number;
  siteKey: string;
  origin: string;
  /** Events per second. */
  rate: number;
  seconds: number;
  prefillSeconds: number;
  concurrency: number;
  seed: number;
  /** Share of acknowledged batches sent again (default SHAPE.resendShare). */
  resendShare?: number;
  maxRequests: number;
  timeoutMs: number;
}

/** Per session: events of acknowledged batches, and of batches that may or may not be applied. */
export interface LedgerEntry {
  acked: number;
  uncertain: number;
}

export interface LoadWindow {
  requests: number;
  /** Events in batches sent for the first time in the window. */
  events: number;
  statuses: Record<string, number>;
  /** Latencies (ms) from the time each batch was due to its answer, sorted. */
  latencies: Float64Array;
  p50Ms: number;
  p99Ms: number;
  /** From the request's write to its answer, sorted, and their p99. */
  sendLatencies: Float64Array;
  sendP99Ms: number;
  /** Due batches waiting for a free connection, and requests in flight, at the window's end. */
  waiting: number;
  inFlight: number;
}

const RETRY_AFTER_MS = 1000;
const MAX_ATTEMPTS = 3;

type Item = SoakSession["queue"][number] & { attempt: number };

export class SoakLoad {
  readonly ledger = new Map<string, LedgerEntry>();
  readonly totals = {
    sessionsStarted: 0,
    sessionsPrefilled: 0,
    /** Sessions started within the run, and the events they were given. */
    sessionsNew: 0,
    eventsOfNewSessions: 0,
    batchesSent: 0,
    batchesAcked: 0,
    eventsSent: 0,
    eventsAcked: 0,
    requests: 0,
    statuses: {} as Record<string, number>,
    /** Requests with no answer (socket error or timeout), and their error codes. */
    errors: 0,
    errorCodes: {} as Record<string, number>,
    retries: 0,
    /** A retry answered as a duplicate: the failed attempt had been applied. */
    retriesAnsweredDuplicate: 0,
    /** A first attempt answered as a duplicate: should never happen. */
    unexpectedDuplicates: 0,
    resendsSent: 0,
    resendsAnsweredDuplicate: 0,
    /** A resend applied again (200 without the duplicate header): should never happen. */
    resendsApplied: 0,
    /** A resend answered otherwise (refused), or not answered (a socket error: not retried). */
    resendsOther: 0,
    resendsUnanswered: 0,
    /** Sends due, or waiting for a connection, when the run ended: never sent. */
    notSentAtEnd: 0,
  };
  private readonly agent: Agent;
  private readonly source: SessionSource;
  private readonly heap = new MinHeap<{ at: number; s: SoakSession }>((a, b) => a.at < b.at);
  private ready: SoakSession[] = [];
  private readyHead = 0;
  private inFlight = 0;
  private window = newWindow();
  private endAt = 0;
  private ended = false;

  constructor(private readonly o: SoakLoadOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
    this.source = new SessionSource(o.seed, o.resendShare ?? SHAPE.resendShare);
  }

  /** Runs the load to its end and until every request in flight has its answer or timed out. */
  run(): Promise<void> {
    const start = Date.now();
    this.endAt = start + this.o.seconds * 1000;
    const from = start - this.o.prefillSeconds * 1000;
    let assigned = 0;
    let nextStart = from;
    return new Promise((resolve) => {
      const tick = () => {
        const now = Date.now();
        while (nextStart <= now && nextStart < this.endAt) {
          const at = nextStart;
          const s = this.source.next(at, start);
          assigned += s.assigned;
          nextStart = from + (assigned / this.o.rate) * 1000;
          if (s.queue.length === 0) continue;
          if (at < start) this.totals.sessionsPrefilled++;
          else {
            this.totals.sessionsNew++;
            this.totals.eventsOfNewSessions += s.assigned;
          }
          this.totals.sessionsStarted++;
          this.ledger.set(s.session, { acked: 0, uncertain: 0 });
          this.schedule(s, now);
        }
        for (let top = this.heap.peek(); top && top.at <= now; top = this.heap.peek()) {
          this.heap.pop();
          this.ready.push(top.s);
        }
        this.pump();
        if (now < this.endAt) {
          const next = Math.min(nextStart, this.heap.peek()?.at ?? Number.POSITIVE_INFINITY);
          setTimeout(tick, Math.max(1, Math.min(20, next - now)));
          return;
        }
        this.finish(resolve);
      };
      tick();
    });
  }

  /** Ends the run now (the server went away): nothing more is sent. */
  stop(): void {
    this.endAt = Math.min(this.endAt, Date.now());
  }

  /** The window since the last call, then a new one begins. */
  takeWindow(): LoadWindow {
    const w = this.window;
    this.window = newWindow();
    const lat = Float64Array.from(w.latencies).sort();
    const send = Float64Array.from(w.sendLatencies).sort();
    return {
      requests: w.requests,
      events: w.events,
      statuses: w.statuses,
      latencies: lat,
      sendLatencies: send,
      p50Ms: lat.length ? quantile(lat, 0.5) : 0,
      p99Ms: lat.length ? quantile(lat, 0.99) : 0,
      sendP99Ms: send.length ? quantile(send, 0.99) : 0,
      waiting: this.ready.length - this.readyHead,
      inFlight: this.inFlight,
    };
  }

  private finish(resolve: () => void): void {
    this.ended = true;
    // Whatever is still queued is not sent: the run is over.
    for (let i = this.readyHead; i < this.ready.length; i++)
      this.totals.notSentAtEnd += this.ready[i]!.queue.length;
    this.ready = [];
    this.readyHead = 0;
    for (let top = this.heap.pop(); top; top = this.heap.pop())
      this.totals.notSentAtEnd += top.s.queue.length;
    // Bounded: each request in flight has its answer or times out (timeoutMs).
    const wait = () => {
      if (this.inFlight === 0) {
        this.agent.destroy();
        resolve();
      } else setTimeout(wait, 20);
    };
    wait();
  }

  /** Puts an idle session with sends left where it waits: ready now, or in the heap. */
  private schedule(s: SoakSession, now: number): void {
    const next = s.queue[0];
    if (!next) return;
    if (next.dueAt <= now) this.ready.push(s);
    else this.heap.push({ at: next.dueAt, s });
  }

  private pump(): void {
    while (
      this.inFlight < this.o.concurrency &&
      this.readyHead < this.ready.length &&
      this.totals.requests < this.o.maxRequests &&
      Date.now() < this.endAt
    ) {
      const s = this.ready[this.readyHead++]!;
      const item = s.queue.shift()! as Item;
      this.send(s, item);
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private send(s: SoakSession, item: Item): void {
    const { batch } = item;
    const body = JSON.stringify({
      site: this.o.siteKey,
      batch: batch.id,
      visitor: s.visitor,
      session: s.session,
      sentAt: Date.now(),
      context: s.context,
      events: batch.events,
    });
    item.attempt = (item.attempt ?? 0) + 1;
    s.busy = true;
    this.inFlight++;
    this.totals.requests++;
    this.window.requests++;
    if (item.resend) this.totals.resendsSent++;
    else if (item.attempt === 1) {
      this.totals.batchesSent++;
      this.totals.eventsSent += batch.events.length;
      this.window.events += batch.events.length;
    } else this.totals.retries++;
    const wroteAt = performance.now();
    let settled = false;
    const done = (status: number | "error", duplicate: boolean) => {
      if (settled) return;
      settled = true;
      this.inFlight--;
      s.busy = false;
      const key = String(status);
      this.totals.statuses[key] = (this.totals.statuses[key] ?? 0) + 1;
      this.window.statuses[key] = (this.window.statuses[key] ?? 0) + 1;
      if (status !== "error") {
        this.window.latencies.push(Date.now() - item.dueAt);
        this.window.sendLatencies.push(performance.now() - wroteAt);
      }
      this.answered(s, item, status, duplicate);
      if (this.ended) this.totals.notSentAtEnd += s.queue.length;
      else this.schedule(s, Date.now());
      this.pump();
    };
    const req = request(
      {
        agent: this.agent,
        host: "127.0.0.1",
        port: this.o.port,
        path: "/v1/collect",
        method: "POST",
        timeout: this.o.timeoutMs,
        headers: {
          "content-type": "text/plain;charset=UTF-8",
          "content-length": Buffer.byteLength(body),
          origin: this.o.origin,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0, res.headers["intently-duplicate"] === "1"));
        res.on("error", () => done("error", false));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      this.totals.errorCodes[code] = (this.totals.errorCodes[code] ?? 0) + 1;
      done("error", false);
    });
    req.end(body);
  }

  private answered(s: SoakSession, item: Item, status: number | "error", dup: boolean): void {
    const { batch } = item;
    const t = this.totals;
    const entry = this.ledger.get(s.session)!;
    if (item.resend) {
      if (status === 200 && dup) t.resendsAnsweredDuplicate++;
      else if (status === 200) t.resendsApplied++;
      else if (status === "error") t.resendsUnanswered++;
      else t.resendsOther++;
      return;
    }
    if (status === 200) {
      if (dup && item.attempt > 1) t.retriesAnsweredDuplicate++;
      else if (dup) t.unexpectedDuplicates++;
      this.ack(batch, entry);
      if (this.source.resend())
        insert(s, { batch, dueAt: Date.now() + SHAPE.resendAfterMs, resend: true });
      return;
    }
    if (status !== "error") return; // refused (4xx, 429, 503): never applied, not retried
    t.errors++;
    if (!batch.unanswered) {
      batch.unanswered = true;
      entry.uncertain += batch.events.length;
    }
    if (item.attempt < MAX_ATTEMPTS)
      insert(s, { ...item, dueAt: Date.now() + RETRY_AFTER_MS } as Item);
  }

  private ack(batch: SoakBatch, entry: LedgerEntry): void {
    if (batch.acked) return;
    batch.acked = true;
    this.totals.batchesAcked++;
    this.totals.eventsAcked += batch.events.length;
    entry.acked += batch.events.length;
    if (batch.unanswered) entry.uncertain -= batch.events.length;
  }
}

/** Inserts a send into a session's queue, in `dueAt` order. */
function insert(s: SoakSession, item: SoakSession["queue"][number]): void {
  let i = s.queue.length;
  while (i > 0 && s.queue[i - 1]!.dueAt > item.dueAt) i--;
  s.queue.splice(i, 0, item);
}

function newWindow() {
  return {
    requests: 0,
    events: 0,
    statuses: {} as Record<string, number>,
    latencies: [] as number[],
    sendLatencies: [] as number[],
  };
}
