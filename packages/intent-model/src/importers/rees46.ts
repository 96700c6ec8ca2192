/**
 * REES46 "eCommerce behavior data from multi category store" CSV:
 * event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session.
 * view → product page view + view_item, cart → add_to_cart, remove_from_cart, purchase.
 * Rows are time-ordered in the published files; sessions interleave.
 */
import type { EventLine, Item } from "@intently/engine";
import { bad, type Importer, type ImportStats } from "./types.ts";

const HEADER =
  "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
const SITE = "rees46";
const TYPES = new Set(["view", "cart", "remove_from_cart", "purchase"]);

/** "2019-10-01 00:00:04 UTC" (or ISO) → epoch ms; NaN when unreadable. */
export function parseRees46Time(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?: ?UTC|Z)?$/.exec(s.trim());
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : Number.NaN;
}

/** The fields of one row; the published files have no quoted fields, but accept simple quotes. */
function splitRow(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (q && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else q = !q;
    } else if (c === "," && !q) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function toLines(f: string[], row: number, stats: ImportStats): EventLine[] | null {
  const [time, type, productId, , categoryCode, brand, price, userId, session] = f;
  const t = parseRees46Time(time ?? "");
  const reject = (reason: string) => {
    bad(stats, row, reason);
    return null;
  };
  if (!Number.isFinite(t)) return reject(`bad event_time "${time}"`);
  if (!type || !TYPES.has(type)) return reject(`unknown event_type "${type}"`);
  if (!productId || !userId || !session)
    return reject("missing product_id, user_id or user_session");
  const p = price ? Number(price) : Number.NaN;
  const item: Item = { id: productId.slice(0, 128), quantity: 1 };
  if (Number.isFinite(p) && p >= 0) item.price = p;
  if (categoryCode) item.category = categoryCode.split(".")[0]!.slice(0, 256);
  if (brand) item.brand = brand.slice(0, 256);
  const base = { site: SITE, visitor: userId.slice(0, 128), session: session.slice(0, 128) };
  switch (type) {
    case "view":
      return [
        {
          ...base,
          event: { type: "page_view", t, page: { url: `/p/${item.id}`, type: "product" } },
        },
        { ...base, event: { type: "view_item", t, items: [item] } },
      ];
    case "cart":
      return [{ ...base, event: { type: "add_to_cart", t, items: [item] } }];
    case "remove_from_cart":
      return [{ ...base, event: { type: "remove_from_cart", t, items: [item] } }];
    default:
      return [{ ...base, event: { type: "purchase", t, items: [item], value: item.price ?? 0 } }];
  }
}

export const importRees46: Importer = async function* (lines, stats) {
  let row = 0;
  for await (const raw of lines) {
    row++;
    const line = raw.replace(/\r$/, "");
    if (!line.trim()) continue;
    if (row === 1 && line.trim() === HEADER) continue;
    stats.rows++;
    const f = splitRow(line);
    if (f.length !== 9) {
      bad(stats, row, `expected 9 fields, got ${f.length} (truncated line?)`);
      continue;
    }
    const out = toLines(f, row, stats);
    if (out) yield* out;
  }
};
