/**
 * Once per order in the tag: the identities of the purchases (their transaction ids) and
 * refunds already sent for this visitor are kept in first-party storage (the tag's own, used once capture is allowed), so that a
 * reloaded thank-you page, the back button or the same order sent both through the dataLayer
 * and gtag is sent once. The server counts a transaction id once as well
 * (docs/product/tag.md#orders).
 */
import { read, write } from "../core/storage.ts";

const KEY = "_intently_tx";
/** Most recent ids kept (a visitor's orders within the window are enough). */
const MAX = 20;

/** True the first time order identity `id` (the engine's orderKey) is seen; false after. */
export function first(id: string): boolean {
  const ids = read<unknown>(KEY);
  const list = Array.isArray(ids) ? ids.filter((x) => typeof x === "string") : [];
  if (list.includes(id)) return false;
  write(KEY, [...list, id].slice(-MAX));
  return true;
}

/** Forgets the ids (consent withdrawn). */
export function forget(): void {
  write(KEY);
}
