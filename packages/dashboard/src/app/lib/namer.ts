/** Field and value names for sentences, from the catalogue. */
import { dataPoint, frameworkSegment, phaseLabel, stateLabel } from "./catalogue.ts";
import { money, words } from "./format.ts";
import type { Namer } from "./sentence.ts";
import { shownValue } from "./units.ts";

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

export function namer(currency: string): Namer {
  return {
    field(path) {
      if (path.startsWith("props.")) return `custom property “${path.slice(6)}”`;
      const d = dataPoint(path);
      return d ? lowerFirst(d.label) : path;
    },
    value(path, v) {
      if (typeof v === "string") {
        if (path === "segment") return frameworkSegment(v)?.name ?? v;
        if (path === "phase") return phaseLabel(v);
        if (path === "state") return stateLabel(v);
        return dataPoint(path)?.type === "enum" ? words(v) : `“${v}”`;
      }
      if (typeof v === "number") {
        const unit = dataPoint(path)?.unit;
        if (unit === "probability") return `${shownValue(dataPoint(path), v)} %`;
        if (unit === "currency") return money(v, currency, Number.isInteger(v) ? 0 : 2);
        if (unit === "%") return `${v} %`;
        if (unit) return `${v} ${unit}`;
        return String(v);
      }
      return JSON.stringify(v);
    },
  };
}
