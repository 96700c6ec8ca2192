/**
 * "A configurable time after purchase" (docs/product/activation.md#integrations): a purchased session is ended that long
 * after the purchase was first seen, instead of waiting for 30 minutes of inactivity. The
 * purchase time is the session's last event time when the purchase is first observed (checks
 * run every few seconds, so it is the purchase event's time or very close to it).
 */
import { F, type SessionState } from "@intently/engine";

/** The engine's live sessions, as far as this needs them. */
export interface LiveSessions {
  sessions(): Iterable<SessionState>;
  end(site: string, session: string): SessionState | undefined;
}

export class PurchaseEnder {
  private readonly purchasedAt = new Map<string, number>();

  constructor(
    private readonly live: LiveSessions,
    /** The delay for a site (ms; ≤ 0 disables early ends). */
    private readonly delayFor: (site: string) => Promise<number>,
  ) {}

  /** Ends every purchased session whose delay has passed; returns them (ended). */
  async check(now: number): Promise<SessionState[]> {
    const due: SessionState[] = [];
    const seen = new Set<string>();
    for (const s of this.live.sessions()) {
      if (!(s.n[F.Purchases]! > 0)) continue;
      const k = `${s.site}\u0000${s.id}`;
      seen.add(k);
      if (!this.purchasedAt.has(k)) this.purchasedAt.set(k, s.n[F.LastT]!);
      due.push(s);
    }
    for (const k of this.purchasedAt.keys()) if (!seen.has(k)) this.purchasedAt.delete(k);
    const delays = new Map<string, number>();
    const ended: SessionState[] = [];
    for (const s of due) {
      if (!delays.has(s.site)) delays.set(s.site, await this.delayFor(s.site));
      const delay = delays.get(s.site)!;
      const k = `${s.site}\u0000${s.id}`;
      const at = this.purchasedAt.get(k);
      if (delay <= 0 || at === undefined || now - at < delay) continue;
      const e = this.live.end(s.site, s.id);
      this.purchasedAt.delete(k);
      if (e) ended.push(e);
    }
    return ended;
  }
}
