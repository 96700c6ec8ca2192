/**
 * One shared string per value that many live sessions hold (page paths, affinity names), so a
 * session keeps a reference, not a copy (issue 24: memory per live session). The first copy
 * kept is flattened: a path sliced from an event's URL would otherwise keep the whole URL
 * (query string included) alive for as long as the session lives.
 */
const MAX_INTERNED = 50_000;
const table = new Map<string, string>();

export function intern(s: string): string {
  const known = table.get(s);
  if (known !== undefined) return known;
  // The table starts again when full: sharing is only a saving, never a meaning.
  if (table.size >= MAX_INTERNED) table.clear();
  const flat = flatten(s);
  table.set(flat, flat);
  return flat;
}

/** A sequential copy of `s` (not a slice or concatenation of another string). */
function flatten(s: string): string {
  // Strings this short are copied by V8 rather than sliced; a join builds a new sequential one.
  return s.length < 13 ? s : s.split("").join("");
}
