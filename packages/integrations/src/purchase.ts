/**
 * "A configurable time after purchase" (docs/product/activation.md#integrations): a purchased session is ended that long
 * after its purchase, instead of waiting for 30 minutes of inactivity. The purchase time is the
 * time of the event that brought the session's first purchase (the engine tells: onFirstPurchase).
 *
 * O(due), not O(live sessions) (issue 24): each purchased session has a deadline in its site's
 * min-heap by purchase time, and a check pops only the entries whose delay has passed. A session
 * that ended otherwise (timeout, erasure) leaves a stale entry, dropped when it comes up. While
 * a site's delay is off (≤ 0) its entries are dropped at each check: a delay set later applies
 * to purchases after it.
 */
import { F, type SessionState } from "@intently/engine";

/** The engine's live sessions, as far as this needs them. */
export interface LiveSessions {
  sessions(): Iterable<SessionState>;
  get(site: string, session: string): SessionState | undefined;
  end(site: string, session: string): SessionState | undefined;
  onFirstPurchase(listener: (s: SessionState) => void): void;
}

interface Due {
  at: number;
  s: SessionState;
}

export class PurchaseEnder {
  /** Purchased sessions by site, each a binary min-heap by purchase time. */
  private readonly bySite = new Map<string, Due[]>();

  constructor(
    private readonly live: LiveSessions,
    /** The delay for a site (ms; ≤ 0 disables early ends). */
    private readonly delayFor: (site: string) => Promise<number>,
  ) {
    live.onFirstPurchase((s) => this.add(s, s.num(F.LastT)));
    // Sessions that purchased before this was attached (once, at start).
    for (const s of live.sessions()) if (s.num(F.Purchases) > 0) this.add(s, s.num(F.LastT));
  }

  /** Purchased sessions waiting for their early end (stale entries included). */
  get pending(): number {
    let c = 0;
    for (const h of this.bySite.values()) c += h.length;
    return c;
  }

  /** Ends every purchased session whose delay has passed; returns them (ended). */
  async check(now: number): Promise<SessionState[]> {
    const ended: SessionState[] = [];
    for (const [site, heap] of [...this.bySite]) {
      if (heap.length === 0 || heap[0]!.at > now) continue;
      const delay = await this.delayFor(site);
      if (delay <= 0) heap.length = 0;
      while (heap.length > 0 && now - heap[0]!.at >= delay) {
        const { s } = pop(heap);
        // Still the same live session (not ended and replaced by a new one with its id).
        if (this.live.get(s.site, s.id) !== s) continue;
        const e = this.live.end(s.site, s.id);
        if (e) ended.push(e);
      }
      if (heap.length === 0) this.bySite.delete(site);
    }
    return ended;
  }

  private add(s: SessionState, at: number): void {
    let heap = this.bySite.get(s.site);
    if (!heap) {
      heap = [];
      this.bySite.set(s.site, heap);
    }
    push(heap, { at, s });
  }
}

function push(heap: Due[], d: Due): void {
  let i = heap.length;
  heap.push(d);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p]!.at <= d.at) break;
    heap[i] = heap[p]!;
    i = p;
  }
  heap[i] = d;
}

function pop(heap: Due[]): Due {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && heap[r]!.at < heap[l]!.at ? r : l;
      if (heap[c]!.at >= last.at) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
  }
  return top;
}
