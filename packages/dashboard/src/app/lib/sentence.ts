/**
 * A condition as a sentence for people: "Sessions where framework segment is Struggling Buyers,
 * device type is mobile and traffic source is paid social." Works on any condition (the visual
 * builder's or hand-written JSON); names and values come from the caller.
 */

export interface Namer {
  /** Lowercase label of a field, e.g. "device type". */
  field(path: string): string;
  /** A value as text, e.g. a framework segment's name or "£100". */
  value(path: string, v: unknown): string;
}

const OPS: Record<string, string> = {
  $eq: "is",
  $ne: "is not",
  $gt: "is more than",
  $gte: "is at least",
  $lt: "is less than",
  $lte: "is at most",
  $in: "is one of",
  $nin: "is none of",
  $all: "includes all of",
  $veq: "is version",
  $vne: "is not version",
  $vgt: "is a version after",
  $vgte: "is version or later than",
  $vlt: "is a version before",
  $vlte: "is version or earlier than",
};

export function joinWords(items: string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

function unescaped(s: string): string | null {
  return /(^|[^\\])[.*+?^${}()|[\]]/.test(s) ? null : s.replace(/\\(.)/g, "$1");
}

function phrase(path: string, op: string, x: unknown, n: Namer): string {
  const val = (v: unknown) => n.value(path, v);
  const many = (v: unknown, last: string) =>
    Array.isArray(v) ? joinWords(v.map(val), last) : val(v);
  if (op === "$in" || op === "$nin") return `${OPS[op]} ${many(x, "or")}`;
  if (op === "$all") return `${OPS[op]} ${many(x, "and")}`;
  if (op === "$exists") return x ? "is known" : "is unknown";
  if (op === "$regex") return `matches the pattern /${String(x)}/`;
  if (op === "$regexi") {
    const lit = typeof x === "string" ? unescaped(x) : null;
    return lit !== null ? `contains “${lit}”` : `matches the pattern /${String(x)}/i`;
  }
  if (op === "$size") return x === 0 ? "is empty" : `has ${JSON.stringify(x)} items`;
  if (op === "$elemMatch") {
    const eq = x && typeof x === "object" ? (x as Record<string, unknown>).$eq : undefined;
    return eq !== undefined ? `includes ${val(eq)}` : `has an item that ${clauseOps(path, x, n)}`;
  }
  if (op === "$not") return `is not such that it ${clauseOps(path, x, n)}`;
  if (OPS[op]) return `${OPS[op]} ${val(x)}`;
  return `${op} ${JSON.stringify(x)}`;
}

function clauseOps(path: string, v: unknown, n: Namer): string {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    if (typeof v === "boolean") return v ? "is true" : "is false";
    return `is ${Array.isArray(v) ? JSON.stringify(v) : n.value(path, v)}`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return "is any value";
  if (!entries.every(([k]) => k.startsWith("$"))) return `is ${JSON.stringify(v)}`;
  return joinWords(entries.map(([op, x]) => phrase(path, op, x, n)));
}

function describe(c: unknown, n: Namer, nested: boolean): string {
  if (c === null || typeof c !== "object" || Array.isArray(c)) return JSON.stringify(c);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    const items = Array.isArray(v) ? v.map((x) => describe(x, n, true)) : [describe(v, n, true)];
    if (k === "$and") parts.push(joinWords(items));
    else if (k === "$or")
      parts.push(items.length > 1 ? `either ${joinWords(items, "or")}` : (items[0] ?? ""));
    else if (k === "$nor") parts.push(`none of (${items.join("; ")})`);
    else if (k === "$not") parts.push(`not (${items.join("")})`);
    else parts.push(`${n.field(k)} ${clauseOps(k, v, n)}`);
  }
  const s = joinWords(parts);
  return nested && parts.length > 1 ? `(${s})` : s;
}

export function sentence(condition: unknown, n: Namer): string {
  if (condition && typeof condition === "object" && Object.keys(condition).length === 0)
    return "Every session.";
  return `Sessions where ${describe(condition, n, false)}.`;
}
