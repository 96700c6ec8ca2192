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
  items?: { id: string; quantity?: number }[];
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
