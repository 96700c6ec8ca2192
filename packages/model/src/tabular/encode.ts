// Turns typed rows into numeric feature rows: for the trees, categories become integer codes
// (the trees split on category sets); for linear models, categories become one-hot columns.
// The encoder is fitted on training rows only, so test rows never shape the encoding.

import type { CellValue, Row } from "./table.ts";

export interface FeatureSpec {
  name: string;
  kind: "numeric" | "categorical";
  /** Categorical levels in code order (code = index). */
  levels: string[];
}

export interface TabularEncoder {
  label: string;
  features: FeatureSpec[];
}

export interface EncoderOptions {
  /** The label column, excluded from the features. */
  label: string;
  /** Columns to treat as categorical even though they hold numbers (e.g. integer codes). */
  categorical?: readonly string[];
  /** Columns to leave out. */
  exclude?: readonly string[];
}

export interface EncodedMatrix {
  x: Float64Array[];
  featureNames: string[];
  /** Per feature: holds integer category codes. */
  categorical: boolean[];
}

function levelText(v: CellValue): string | null {
  if (v === null) return null;
  return typeof v === "string" ? v : String(v);
}

/** Numbers in numeric order first, then other text in code-point order. */
function compareLevels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  const aNum = a.trim() !== "" && Number.isFinite(na);
  const bNum = b.trim() !== "" && Number.isFinite(nb);
  if (aNum && bNum) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Column names in order of first appearance across the rows. */
export function columnNames(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

export function fitEncoder(rows: readonly Row[], options: EncoderOptions): TabularEncoder {
  const forced = new Set(options.categorical ?? []);
  const excluded = new Set(options.exclude ?? []);
  const features: FeatureSpec[] = [];
  for (const name of columnNames(rows)) {
    if (name === options.label || excluded.has(name)) continue;
    let categorical = forced.has(name);
    if (!categorical) {
      for (const row of rows) {
        if (typeof row[name] === "string") {
          categorical = true;
          break;
        }
      }
    }
    if (!categorical) {
      features.push({ name, kind: "numeric", levels: [] });
      continue;
    }
    const levels = new Set<string>();
    for (const row of rows) {
      const t = levelText(row[name] ?? null);
      if (t !== null) levels.add(t);
    }
    features.push({ name, kind: "categorical", levels: [...levels].sort(compareLevels) });
  }
  return { label: options.label, features };
}

function numericValue(v: CellValue | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return Number.NaN;
}

/** Rows for the trees: numeric values as is (booleans 0/1), categories as codes; unknown → NaN. */
export function encodeForTrees(enc: TabularEncoder, rows: readonly Row[]): EncodedMatrix {
  const codeMaps = enc.features.map((f) => new Map(f.levels.map((l, k) => [l, k])));
  const x = rows.map((row) => {
    const out = new Float64Array(enc.features.length);
    enc.features.forEach((f, j) => {
      const v = row[f.name];
      if (f.kind === "numeric") out[j] = numericValue(v);
      else {
        const t = levelText(v ?? null);
        out[j] =
          t === null ? Number.NaN : ((codeMaps[j] as Map<string, number>).get(t) ?? Number.NaN);
      }
    });
    return out;
  });
  return {
    x,
    featureNames: enc.features.map((f) => f.name),
    categorical: enc.features.map((f) => f.kind === "categorical"),
  };
}

/** Rows for linear models: numeric columns as is, each category level a 0/1 column `name=level`. */
export function encodeOneHot(enc: TabularEncoder, rows: readonly Row[]): EncodedMatrix {
  const featureNames: string[] = [];
  const offsets: number[] = [];
  const codeMaps = enc.features.map((f) => new Map(f.levels.map((l, k) => [l, k])));
  for (const f of enc.features) {
    offsets.push(featureNames.length);
    if (f.kind === "numeric") featureNames.push(f.name);
    else for (const l of f.levels) featureNames.push(`${f.name}=${l}`);
  }
  const x = rows.map((row) => {
    const out = new Float64Array(featureNames.length);
    enc.features.forEach((f, j) => {
      const v = row[f.name];
      const at = offsets[j] as number;
      if (f.kind === "numeric") out[at] = numericValue(v);
      else {
        const t = levelText(v ?? null);
        const code = t === null ? undefined : (codeMaps[j] as Map<string, number>).get(t);
        if (code !== undefined) out[at + code] = 1;
      }
    });
    return out;
  });
  return { x, featureNames, categorical: featureNames.map(() => false) };
}
