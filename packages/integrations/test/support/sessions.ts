/** Real engine sessions (the engine's own processing), ended, for summaries. */
import { Engine, type Event, type SessionState } from "@intently/engine";

export const UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

const page = (t: number, path: string, type: string) =>
  ({ type: "page_view", t, page: { url: `https://shop.test${path}`, type } }) as Event;

/** The events of a buyer who identifies, carries a GA cookie and buys for `value`. */
export function buyerEvents(t0: number, value = 59.9): Event[] {
  const item = { id: "p1", name: "Shoe", category: "shoes", price: value, quantity: 1 };
  return [
    page(t0, "/", "home"),
    {
      type: "set",
      t: t0 + 1000,
      props: {
        ga_client_id: "GA1.1.987654321.1700000000",
        _ga_TEST123: "1700000500",
      },
    } as Event,
    { type: "experience_impression", t: t0 + 1500, experiment: "hero", variant: "b" } as Event,
    page(t0 + 20_000, "/p/1", "product"),
    { type: "view_item", t: t0 + 21_000, items: [item], value } as Event,
    { type: "add_to_cart", t: t0 + 40_000, items: [item], value } as Event,
    { type: "identify", t: t0 + 50_000, id: "ann@example.com" } as Event,
    page(t0 + 60_000, "/checkout", "checkout"),
    { type: "begin_checkout", t: t0 + 61_000, items: [item], value } as Event,
    { type: "purchase", t: t0 + 90_000, items: [item], value, transaction_id: "o1" } as Event,
  ];
}

export function browserEvents(t0: number): Event[] {
  return [page(t0, "/", "home"), page(t0 + 10_000, "/c/shoes", "category")];
}

/** Runs the events through an engine and ends the session; returns its final state. */
export function endedSession(site: string, session: string, events: Event[]): SessionState {
  const engine = new Engine();
  const ref = { site, visitor: `v-${session}`, session, context: { ua: UA } };
  for (const e of events) engine.process(ref, e);
  const s = engine.end(site, session);
  if (!s) throw new Error("session not live");
  return s;
}
