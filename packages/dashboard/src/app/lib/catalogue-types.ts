/** The shape of the `intently:catalogue` module (see server/catalogue.ts). */

export type DataPointType = "string" | "number" | "boolean" | "string[]" | "enum";

export interface DataPointInfo {
  id: string;
  label: string;
  type: DataPointType;
  group: string;
  description: string;
  values?: string[];
  unit?: string;
}

export interface FrameworkInfo {
  id: string;
  name: string;
  phase: string;
  states: string[];
}

export interface Catalogue {
  groups: string[];
  dataPoints: DataPointInfo[];
  framework: FrameworkInfo[];
  phases: { id: string; label: string }[];
  states: { id: string; label: string }[];
  /** Behaviour signals (`rage_click`…) and their names, as the engine calls them. */
  signals: { id: string; label: string }[];
}
