/** The data-point catalogue and framework facts, bundled at build time. */
import data from "intently:catalogue";
import type { Catalogue, DataPointInfo, FrameworkInfo } from "./catalogue-types.ts";

const catalogue = data as Catalogue;

export const CATALOGUE = catalogue;

const POINTS = new Map(catalogue.dataPoints.map((d) => [d.id, d]));
const FRAMEWORK = new Map(catalogue.framework.map((f) => [f.id, f]));
const SIGNALS = new Map(catalogue.signals.map((s) => [s.id, s.label]));

/** A behaviour signal's name (`rage_click` → "Rage clicks"), as the engine's catalogue has it. */
export const signalName = (id: string): string | undefined => SIGNALS.get(id);

export const GROUP_LABELS: Record<string, string> = {
  traffic: "Traffic",
  device: "Device",
  visitor: "Visitor",
  pages: "Pages and time",
  products: "Products",
  search: "Search",
  cart: "Cart and checkout",
  frustration: "Frustration signals",
  exit: "Exit signals",
  scores: "Scores",
  framework: "Framework",
  experiments: "Experiments",
  custom: "Custom properties",
};

/** The data point of a condition path (`props.tier` → the `props` point). */
export function dataPoint(path: string): DataPointInfo | undefined {
  return POINTS.get(path) ?? POINTS.get(path.split(".")[0] ?? "");
}

export function frameworkSegment(id: string): FrameworkInfo | undefined {
  return FRAMEWORK.get(id);
}

export const isFramework = (id: string): boolean => FRAMEWORK.has(id);

export function phaseLabel(id: string): string {
  return catalogue.phases.find((p) => p.id === id)?.label ?? id;
}

export function stateLabel(id: string): string {
  return catalogue.states.find((s) => s.id === id)?.label ?? id;
}

/** Data points grouped in catalogue order (custom `props` left out: typed in by path). */
export function groupedPoints(): { group: string; label: string; points: DataPointInfo[] }[] {
  return catalogue.groups
    .map((g) => ({
      group: g,
      label: GROUP_LABELS[g] ?? g,
      points: catalogue.dataPoints.filter((d) => d.group === g),
    }))
    .filter((g) => g.points.length > 0);
}

/** A value of an enum field for people: framework names and labels, else the id in words. */
export function valueLabel(field: string, value: string): string {
  if (value === "") return "(none)";
  if (field === "segment") return frameworkSegment(value)?.name ?? value;
  if (field === "phase") return phaseLabel(value);
  if (field === "state") return stateLabel(value);
  return value.replaceAll("-", " ");
}
