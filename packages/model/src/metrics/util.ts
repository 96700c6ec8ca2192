/** A label counts as positive when it is > 0.5 (so 0/1 and probabilities-as-labels both work). */
export function isPositive(label: number): boolean {
  return label > 0.5;
}

/** Throws when two parallel arrays differ in length (a programming error, not a data error). */
export function checkSameLength(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new RangeError(
      `labels (${labels.length}) and scores (${scores.length}) differ in length`,
    );
  }
}

/**
 * Row indices ordered by score, descending; ties keep index order so every caller sees the same
 * deterministic order. NaN scores sort last (treated as the lowest score).
 */
export function orderByScoreDesc(scores: ArrayLike<number>): Uint32Array {
  const n = scores.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    keys[i] = Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const d = (keys[b] as number) - (keys[a] as number);
    return d !== 0 && !Number.isNaN(d) ? d : a - b;
  });
  return order;
}

/** The score used for ordering (NaN → −∞), matching `orderByScoreDesc`. */
export function scoreKey(s: number): number {
  return Number.isNaN(s) ? Number.NEGATIVE_INFINITY : s;
}
