/**
 * Load for the crash test: sessions that each send batches one after another (like the tag,
 * one request in flight per session), recording every batch that was acknowledged, until
 * stopped or until the server goes away.
 */
import type { Event } from "@intently/engine";
import { addToCart, type BatchBody, makeBatch, post, productView, uid } from "./helpers.ts";

export interface SessionLog {
  visitor: string;
  session: string;
  /** Batch ids answered 200, their events, and the body (a retry resends it). */
  acked: { batch: string; events: number; body: BatchBody }[];
  /** The last 200 answer. */
  last: Record<string, unknown> | null;
}

function eventsFor(i: number, now: number): Event[] {
  if (i === 0) return [productView(now - 3), addToCart(now - 2)];
  if (i === 2) return [{ type: "begin_checkout", t: now - 1, items: [{ id: "SKU1", price: 49 }] }];
  return [
    { type: "scroll", t: now - 2, depth: (i * 7) % 100 },
    { type: "click", t: now - 1, target: `button.b${i}` },
  ];
}

export class Load {
  readonly sessions: SessionLog[];
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    sessions: number,
  ) {
    this.sessions = Array.from({ length: sessions }, () => ({
      visitor: uid("v"),
      session: uid("s"),
      acked: [],
      last: null,
    }));
  }

  get ackedBatches(): number {
    return this.sessions.reduce((n, s) => n + s.acked.length, 0);
  }

  start(): void {
    for (const s of this.sessions) this.loops.push(this.run(s));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async run(s: SessionLog): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      const now = Date.now();
      const b = makeBatch({
        visitor: s.visitor,
        session: s.session,
        batch: uid("b"),
        sentAt: now,
        events: eventsFor(i, now) as unknown as Record<string, unknown>[],
      });
      try {
        const r = await post(this.url, b);
        if (r.status === 200) {
          s.acked.push({ batch: b.batch, events: b.events.length, body: b });
          s.last = r.body;
        }
      } catch {
        return; // the server went away
      }
    }
  }
}
