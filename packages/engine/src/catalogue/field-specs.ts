import type { FieldSpec } from "@intently/conditions";
import { DATA_POINTS } from "./data-points.ts";

/** The catalogue as the condition validator and conflict analysis see it. */
export function catalogueFieldSpecs(): FieldSpec[] {
  return DATA_POINTS.map((d) =>
    d.values ? { id: d.id, type: d.type, values: d.values } : { id: d.id, type: d.type },
  );
}
