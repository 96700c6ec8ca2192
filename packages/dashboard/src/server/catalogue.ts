/**
 * The data the builder needs from the engine, as plain JSON: the data-point catalogue (without
 * its evaluators), its groups, the framework segments with their phase and states, and the
 * behaviour signals' names. The build
 * bundles it as the virtual module `intently:catalogue`, so it is part of the content hash.
 */
import {
  DATA_POINT_GROUPS,
  DATA_POINTS,
  FRAMEWORK_SEGMENT_CONTENT,
  FRAMEWORK_SEGMENT_IDS,
  frameworkSegmentParts,
  PHASE_LABELS,
  PHASES,
  SIGNAL_DISPLAY_NAMES,
  SIGNALS,
  STATE_LABELS,
  STATES,
} from "@intently/engine";

export function catalogueJson(): string {
  return JSON.stringify({
    groups: DATA_POINT_GROUPS,
    dataPoints: DATA_POINTS.map((d) => ({
      id: d.id,
      label: d.label,
      type: d.type,
      group: d.group,
      description: d.description,
      ...(d.values ? { values: d.values } : {}),
      ...(d.unit ? { unit: d.unit } : {}),
    })),
    framework: FRAMEWORK_SEGMENT_IDS.map((id) => ({
      id,
      name: FRAMEWORK_SEGMENT_CONTENT[id].name,
      ...frameworkSegmentParts(id),
    })),
    phases: PHASES.map((id) => ({ id, label: PHASE_LABELS[id] })),
    states: STATES.map((id) => ({ id, label: STATE_LABELS[id] })),
    signals: SIGNALS.map((id) => ({ id, label: SIGNAL_DISPLAY_NAMES[id] })),
  });
}
