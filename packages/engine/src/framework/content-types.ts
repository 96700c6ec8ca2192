import type { FrameworkSegmentId } from "./segments.ts";

/** Editorial content shipped with each framework segment (editable per site). */
export interface SegmentContent {
  id: FrameworkSegmentId;
  name: string;
  /** One line: who is in it. */
  meaning: string;
  /** The shop's objective for these sessions. */
  objective: string;
  /** 3–5 concrete actions. */
  opportunities: string[];
  /** An example experiment: hypothesis, treatment, primary metric. */
  exampleExperiment: { hypothesis: string; treatment: string; metric: string };
}
