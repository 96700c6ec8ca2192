/** Catalogue entries: frustration totals, framework axes, experiments and custom properties. */
import { FRAMEWORK_SEGMENT_IDS } from "../framework/segments.ts";
import { INTENT_LEVELS, PHASES, STAGES, STATES } from "../framework/types.ts";
import { frustrationRecent, frustrationTotal } from "../scoring/features.ts";
import { C, F } from "../session/state.ts";
import { segmentIndex } from "../session/update.ts";
import type { DataPoint } from "./types.ts";

export const frustrationPoints: DataPoint[] = [
  {
    id: "frustrationCount",
    label: "Frustration signals",
    type: "number",
    group: "frustration",
    description: "All frustration signals this session.",
    get: (a) => frustrationTotal(a.s),
  },
  {
    id: "frustrationRecent",
    label: "Recent frustration kinds",
    type: "number",
    group: "frustration",
    description: "Kinds of frustration signal in the last 60 s or 5 events.",
    get: (a) => frustrationRecent(a.s, a.now),
  },
  {
    id: "tabHidden",
    label: "Tab hidden now",
    type: "boolean",
    group: "exit",
    description: "The tab is hidden now.",
    get: (a) => a.s.get(C.TabHidden) === 1,
  },
];

export const frameworkPoints: DataPoint[] = [
  {
    id: "intentLevel",
    label: "Intent level",
    type: "enum",
    values: INTENT_LEVELS,
    group: "framework",
    description: "Low, Building or High; never moves backwards.",
    get: (a) => INTENT_LEVELS[a.s.num(F.Intent)],
  },
  {
    id: "stage",
    label: "Buying stage",
    type: "enum",
    values: STAGES,
    group: "framework",
    description: "Buying stage; never moves backwards.",
    get: (a) => STAGES[a.s.num(F.Stage)],
  },
  {
    id: "phase",
    label: "Phase",
    type: "enum",
    values: PHASES,
    group: "framework",
    description: "The shop's objective for the session; never moves backwards.",
    get: (a) => PHASES[a.s.num(F.Phase)],
  },
  {
    id: "state",
    label: "State",
    type: "enum",
    values: STATES,
    group: "framework",
    description: "Current behaviour: focus, struggle or abandon.",
    get: (a) => STATES[a.s.num(F.State)],
  },
  {
    id: "segment",
    label: "Framework segment",
    type: "enum",
    values: FRAMEWORK_SEGMENT_IDS,
    group: "framework",
    description: "The one framework segment the session is in now.",
    get: (a) => FRAMEWORK_SEGMENT_IDS[segmentIndex(a.s)],
  },
  // Experiments and custom properties
  {
    id: "experiments",
    label: "Experiments seen",
    type: "string[]",
    group: "experiments",
    description: 'Experiment exposures as "experiment:variant".',
    get: (a) => a.s.experiments ?? [],
  },
  {
    id: "props",
    label: "Custom properties",
    type: "string",
    group: "custom",
    description:
      "dataLayer properties the site declares, as props.<name> (e.g. props.customer_tier).",
    get: (a) => a.s.props ?? {},
  },
];
