/**
 * The top-level attributes a condition reads, so the engine computes only those data points per
 * event. Keys that are not operators are paths ("props.customer_tier" reads "props").
 */
const MAX_DEPTH = 64;

export function conditionFields(
  condition: unknown,
  out = new Set<string>(),
  depth = 0,
): Set<string> {
  if (depth > MAX_DEPTH || condition === null || typeof condition !== "object") return out;
  if (Array.isArray(condition)) {
    for (const c of condition) conditionFields(c, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(condition)) {
    if (k === "$and" || k === "$or" || k === "$nor") conditionFields(v, out, depth + 1);
    else if (k === "$not") conditionFields(v, out, depth + 1);
    else if (!k.startsWith("$")) out.add(k.split(".")[0]!);
  }
  return out;
}
