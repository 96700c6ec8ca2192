/** Static conflict verdicts in words. */
export const VERDICTS: Record<string, { label: string; short: string }> = {
  disjoint: { label: "Never together", short: "None" },
  subset: { label: "One inside the other", short: "Subset" },
  "overlap-possible": { label: "Can overlap", short: "Overlap" },
  unknown: { label: "Cannot be decided", short: "Unknown" },
};
