/**
 * Once per order, per SITE (issue 19): the engine counts a `transaction_id` once per session
 * (engine session/orders.ts); this ledger makes the server authoritative across sessions. The
 * first session that shows an order owns it; a later session showing the same order (the
 * thank-you page reloaded after a cookie reset, dual tagging in a new session) keeps its
 * confirmation but not the order: its row loses that order and its value when the session is
 * settled, and the duplicate is recorded for the data-quality page. A refund lowers the site's
 * revenue once per refund (its orderKey), at most by what is left of the order; when the order
 * belongs to another session the refunding session's revenue goes below zero by that amount, so
 * every sum over sessions (reports, exports) is the site's net revenue.
 *
 * Currencies (engine context/money.ts, one rule and one book of settings for both): the engine
 * and the ledger count an order in another currency than the site's converted with the site's
 * rate, or kept apart (value 0, its currency and amount on the ledger's row) when the site has
 * none. The book is the engine host's (`useMoney`), shared with its engine. Each converts the
 * order itself: the engine skips orders it does not count (an order seen again in its session, a
 * refund sent again) that the ledger still records, so the update cannot carry the amount.
 *
 * Synchronous on the event path (the recorder calls it): orders are held in memory, loaded at
 * open for the last `WINDOW_MS` of order times; the rows it produces go to the store's buffer.
 *
 * Memory (issue 24): nothing for a live session without an order (most); for one with orders,
 * a map entry under the session's own id string holding the engine's revenue figure, and an
 * `Open` only once the ledger changes its outcome (a duplicate, a refund). An order holds its
 * session and visitor ids, never the engine's update it came with.
 */
import {
  type Event,
  orderKey,
  orderValue,
  type SiteAmount,
  SiteMoneyBook,
  siteAmount,
} from "@intently/engine";
import type { OrderSink, SessionRow, SettledOrders } from "./rows.ts";

export type { SettledOrders };

/** Orders older than this (by order time) are not held: a duplicate that late counts again. */
export const ORDER_WINDOW_MS = 90 * 86_400_000;
/** Settled outcomes kept for the integrations that read them right after a session ends. */
const MAX_SETTLED = 10_000;
/** Live sessions with orders followed at once (a session ended without the recorder is dropped). */
const MAX_OPEN = 200_000;

export type OrderEventKind = "order" | "duplicate" | "refund";

/** One row of the `order_events` table. */
export interface OrderEventRow {
  site: string;
  transactionId: string;
  kind: OrderEventKind;
  /** The refund's identity (orderKey) for refunds; null otherwise. */
  key: string | null;
  session: string;
  visitor: string;
  t: number;
  /** In the site's currency (0 for an order kept apart). */
  value: number;
  /** Kept apart (no rate for it): the order's currency; null when counted in `value`. */
  currency: string | null;
  /** The amount in `currency`; null when `currency` is. */
  amount: number | null;
}

interface Owner {
  session: string;
  visitor: string;
  value: number;
  refunded: number;
  /** Kept apart: the order's currency and what is left of its amount. */
  currency: string | null;
  amountLeft: number;
  /** Refund keys already applied to this order (null until one is: most orders have none). */
  refunds: string[] | null;
}

/** What the ledger changes in one live session's outcome (once it changes something). */
interface Open {
  /**
   * Orders of other sessions seen here (each counted once by the engine); null until one is —
   * an empty Set would cost ~130 bytes for every live session with an order (issue 24).
   */
  duplicates: string[] | null;
  /** Revenue the engine counted here that the site does not (duplicates, other sessions' refunds). */
  less: number;
  /** The engine's own revenue figure for the session, followed to know what it clamped. */
  engineRevenue: number;
  /** Refunds (orderKey) seen in this session, null until one is: the engine applies each once. */
  refunds: string[] | null;
}

/**
 * A live session with orders: the engine's revenue figure alone while the ledger changes nothing
 * (a number: no object per session), else its `Open`.
 */
type Followed = number | Open;

export interface OrderRef {
  site: string;
  session: string;
  visitor: string;
}

const k2 = (a: string, b: string) => `${a}\u0000${b}`;

export class OrderLedger implements OrderSink {
  private readonly bySite = new Map<string, Map<string, Owner>>();
  /** Live sessions with orders, by site then session id (the engine's strings: no new key). */
  private readonly open = new Map<string, Map<string, Followed>>();
  private openCount = 0;
  private readonly settledBy = new Map<string, SettledOrders>();

  constructor(
    private readonly write: (rows: OrderEventRow[]) => void = () => {},
    /** Each site's currency and rates (a site not in it: counted as sent). */
    private money: SiteMoneyBook = new SiteMoneyBook(),
  ) {}

  /** Reads site money from `book` from now on: the engine host's, the one its engine reads. */
  useMoney(book: SiteMoneyBook): void {
    this.money = book;
  }

  /** Loads stored rows (oldest first): orders, then the refunds applied to them. */
  load(rows: Iterable<OrderEventRow>): void {
    for (const r of rows) {
      if (r.transactionId === "") continue; // an order without an id, kept apart
      const site = this.site(r.site);
      if (r.kind === "order") {
        if (!site.has(r.transactionId))
          site.set(r.transactionId, {
            session: r.session,
            visitor: r.visitor,
            value: r.value,
            refunded: 0,
            currency: r.currency,
            amountLeft: r.amount ?? 0,
            refunds: null,
          });
      } else if (r.kind === "refund") {
        const o = site.get(r.transactionId);
        if (o && r.key && !o.refunds?.includes(r.key)) {
          o.refunds = [...(o.refunds ?? []), r.key];
          o.refunded += r.value;
          if (o.currency !== null && r.currency === o.currency) o.amountLeft -= r.amount ?? 0;
        }
      }
    }
  }

  /** Every event of a live session, after the engine applied it (only orders matter). */
  event(ref: OrderRef, e: Event): void {
    if (e.type !== "purchase" && e.type !== "refund") return;
    const key = orderKey(e);
    const id = e.transaction_id;
    // In site units, as the engine counts it (both apply engine context/money.ts).
    const money = siteAmount(orderValue(e), e.currency, this.money.get(ref.site));
    const value = money.value;
    const live = this.liveOf(ref.site);
    const { site: siteId, session, visitor } = ref;
    const row = (kind: OrderEventKind, m: SiteAmount, refundKey: string | null = null) =>
      this.write([
        {
          site: siteId,
          session,
          visitor,
          transactionId: id ?? "",
          kind,
          key: refundKey,
          t: e.t,
          value: m.value,
          currency: m.apart ? m.currency : null,
          amount: m.apart ? m.amount : null,
        },
      ]);
    if (e.type === "purchase") {
      if (!id) {
        this.counted(live, session, value);
        if (money.apart) row("order", money); // kept apart, without an id to count it once
        return;
      }
      const site = this.site(siteId);
      const owner = site.get(id);
      if (!owner) {
        site.set(id, {
          session,
          visitor,
          value: money.value,
          refunded: 0,
          currency: money.apart ? money.currency : null,
          amountLeft: money.apart ? (money.amount ?? 0) : 0,
          refunds: null,
        });
        this.counted(live, session, value);
        row("order", money);
      } else if (owner.session === session) {
        row("duplicate", money); // the engine ignored it (same session)
      } else {
        const open = this.opened(live, session);
        if (!open.duplicates?.includes(id)) {
          // The engine counted it once in this session: the site does not.
          open.duplicates = [...(open.duplicates ?? []), id];
          open.engineRevenue += value;
          open.less += value;
        }
        row("duplicate", money);
      }
      return;
    }
    // A refund. The engine lowers this session's revenue, never below zero, once per key: the
    // same refund again in this session changes nothing, for the engine nor for the site.
    const open = this.opened(live, session);
    if (key) {
      if (open.refunds?.includes(key)) return;
      open.refunds = [...(open.refunds ?? []), key];
    }
    const owner = id ? this.ledgerOwner(siteId, id) : undefined;
    const engineTook = Math.min(open.engineRevenue, value);
    open.engineRevenue -= engineTook;
    if (!owner || !key) {
      // An order the site does not know: the engine's rule alone (what it took, the site loses).
      return;
    }
    if (owner.refunds?.includes(key)) {
      open.less -= engineTook; // already applied in another session: undo the engine's
      return;
    }
    owner.refunds = [...(owner.refunds ?? []), key];
    const allowed = Math.max(0, Math.min(money.value, owner.value - owner.refunded));
    owner.refunded += allowed;
    // The site loses `allowed`; the engine took `engineTook` from this session already.
    open.less += allowed - engineTook;
    // A refund of an order kept apart lowers what is kept apart, in that currency.
    const apartAmount =
      money.apart && owner.currency === money.currency
        ? Math.max(0, Math.min(money.amount ?? 0, owner.amountLeft))
        : null;
    if (apartAmount !== null) owner.amountLeft -= apartAmount;
    row(
      "refund",
      apartAmount !== null
        ? { ...money, amount: apartAmount }
        : { value: allowed, currency: null, amount: null, apart: false },
      key,
    );
  }

  /**
   * The ended session's orders and revenue once per site: applied to its row (before it is
   * written) and kept for the integrations' summary (`settled`).
   */
  settle(row: SessionRow): SessionRow {
    const live = this.open.get(row.site);
    const followed = live?.get(row.session);
    if (followed === undefined) return row;
    live!.delete(row.session);
    this.openCount--;
    if (typeof followed !== "number") {
      row.orders = Math.max(0, row.orders - (followed.duplicates?.length ?? 0));
      row.revenue = row.revenue - followed.less;
    }
    row.purchased = row.orders > 0;
    this.settledBy.set(k2(row.site, row.session), { orders: row.orders, revenue: row.revenue });
    if (this.settledBy.size > MAX_SETTLED)
      this.settledBy.delete(this.settledBy.keys().next().value!);
    return row;
  }

  /** The settled figures of a session that ended, when the ledger changed them (read once). */
  settled(site: string, session: string): SettledOrders | undefined {
    const sk = k2(site, session);
    const s = this.settledBy.get(sk);
    this.settledBy.delete(sk);
    return s;
  }

  /** The session that owns an order, if the site has it. */
  ownerOf(site: string, transactionId: string): string | undefined {
    return this.bySite.get(site)?.get(transactionId)?.session;
  }

  /** Forgets an erased visitor's orders (their rows are deleted with the visitor's data). */
  forgetVisitor(site: string, visitor: string): void {
    const m = this.bySite.get(site);
    if (!m) return;
    for (const [id, o] of m) if (o.visitor === visitor) m.delete(id);
  }

  /** The live sessions with orders of a site. */
  private liveOf(site: string): Map<string, Followed> {
    let m = this.open.get(site);
    if (!m) {
      m = new Map();
      this.open.set(site, m);
    }
    return m;
  }

  /** Follows a session's revenue as the engine counts it (an order it counted adds `value`). */
  private counted(live: Map<string, Followed>, session: string, value: number): void {
    const f = live.get(session);
    if (typeof f === "object") f.engineRevenue += value;
    else this.follow(live, session, (f ?? 0) + value);
  }

  /** The session's `Open`, made (from the revenue followed so far) when the ledger needs one. */
  private opened(live: Map<string, Followed>, session: string): Open {
    const f = live.get(session);
    if (typeof f === "object") return f;
    const open: Open = { duplicates: null, less: 0, engineRevenue: f ?? 0, refunds: null };
    this.follow(live, session, open);
    return open;
  }

  private follow(live: Map<string, Followed>, session: string, f: Followed): void {
    if (!live.has(session) && ++this.openCount > MAX_OPEN) {
      // Bounded: the site's oldest followed session goes (one ended without the recorder).
      const oldest = live.keys().next();
      if (!oldest.done) {
        live.delete(oldest.value);
        this.openCount--;
      }
    }
    live.set(session, f);
  }

  private ledgerOwner(site: string, id: string): Owner | undefined {
    return this.bySite.get(site)?.get(id);
  }

  private site(site: string): Map<string, Owner> {
    let m = this.bySite.get(site);
    if (!m) {
      m = new Map();
      this.bySite.set(site, m);
    }
    return m;
  }
}
