/** Appends accumulated rollups (rollups.ts) to their tables through the appender. */
import type { DuckDBAppender } from "@duckdb/node-api";
import type { Db } from "./db.ts";
import { keyParts, type Rollups } from "./rollups.ts";

/** Key column kinds: s = VARCHAR, n = VARCHAR with "" as NULL, i = INTEGER. */
type KeyKind = "s" | "n" | "i";
/** Value column kinds: b = BIGINT, d = DOUBLE. */
type ValueKind = "b" | "d";

interface Spec {
  table: string;
  map: (r: Rollups) => Map<string, number[]>;
  keys: KeyKind[];
  values: ValueKind[];
}

export const ROLLUP_SPECS: Spec[] = [
  {
    table: "segment_daily",
    map: (r) => r.segment,
    keys: ["s", "i", "s"],
    values: ["b", "b", "b", "d", "d", "d", "b"],
  },
  {
    table: "dimension_daily",
    map: (r) => r.dimension,
    keys: ["s", "i", "s", "s", "s"],
    values: ["b", "b", "d"],
  },
  { table: "phase_daily", map: (r) => r.phase, keys: ["s", "i", "s", "s"], values: ["b", "d"] },
  { table: "flow_daily", map: (r) => r.flow, keys: ["s", "i", "s", "n", "n"], values: ["b"] },
  {
    table: "pair_daily",
    map: (r) => r.pair,
    keys: ["s", "i", "s", "s"],
    values: ["b", "b", "d"],
  },
];

function appendKey(ap: DuckDBAppender, kind: KeyKind, v: string): void {
  if (kind === "i") ap.appendInteger(Number(v));
  else if (kind === "n" && v === "") ap.appendNull();
  else ap.appendVarchar(v);
}

export async function appendRollups(db: Db, r: Rollups): Promise<void> {
  for (const spec of ROLLUP_SPECS) {
    const map = spec.map(r);
    if (map.size === 0) continue;
    const ap = await db.writer.createAppender(spec.table);
    try {
      for (const [key, values] of map) {
        if (values.every((x) => x === 0)) continue;
        const parts = keyParts(key);
        spec.keys.forEach((k, i) => {
          appendKey(ap, k, parts[i]!);
        });
        values.forEach((x, i) => {
          // segment_daily's signal columns (after the 7 named ones) are all BIGINT.
          const kind = spec.values[i] ?? "b";
          if (kind === "b") ap.appendBigInt(BigInt(Math.round(x)));
          else ap.appendDouble(x);
        });
        ap.endRow();
      }
      ap.closeSync();
    } catch (e) {
      try {
        ap.clear();
        ap.closeSync();
      } catch {}
      throw e;
    }
  }
}
