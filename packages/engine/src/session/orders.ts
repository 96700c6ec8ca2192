/**
 * One order is counted once (docs/product/tag.md#orders): the identity of an order event, shared by
 * the tag (which does not send one twice for a visitor) and the engine (which counts one once per
 * session). A purchase is its transaction id; a refund is its transaction id with its value and
 * items, so that the same refund sent again is dropped while a second partial refund is not. Events
 * without a transaction id have no identity and always count.
 */
interface OrderLike {
  type: string;
  transaction_id?: string;
  value?: number;
  items?: { id: string; quantity?: number; price?: number }[];
}

/** Σ price × quantity of the items (an order or cart change without a value). */
export function itemsValue(items: readonly { price?: number; quantity?: number }[] | undefined) {
  let v = 0;
  if (items) for (const it of items) v += (it.price ?? 0) * (it.quantity ?? 1);
  return v;
}

/** The amount an order event adds (purchase) or takes away (refund): its value, else its items'. */
export function orderValue(e: OrderLike): number {
  return e.value ?? itemsValue(e.items);
}

export function orderKey(e: OrderLike): string | undefined {
  const id = e.transaction_id;
  if (!id) return;
  if (e.type === "purchase") return id;
  if (e.type === "refund") {
    const items = (e.items ?? []).map((i) => `${i.id}*${i.quantity ?? 1}`).join(",");
    return `refund:${id}:${e.value ?? ""}:${items}`;
  }
}
