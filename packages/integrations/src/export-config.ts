/** Configuration of the scheduled export integration: a folder and the formats wanted. */
import { isAbsolute } from "node:path";
import { ConfigError, field } from "./connectors/types.ts";

export const EXPORT_KIND = "export";
export const EXPORT_FORMATS = ["csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportConfig {
  /** Absolute folder; files go to <folder>/<site>/<site>-<YYYY-MM-DD>.<format>. */
  folder: string;
  formats: ExportFormat[];
}

export function validateExport(raw: Record<string, unknown>): ExportConfig {
  const folder = field.string(raw, "folder");
  if (!isAbsolute(folder)) throw new ConfigError("folder must be an absolute path");
  const formats = raw.formats ?? [...EXPORT_FORMATS];
  if (
    !Array.isArray(formats) ||
    formats.length === 0 ||
    formats.some((f) => !EXPORT_FORMATS.includes(f as ExportFormat))
  )
    throw new ConfigError(`formats must be a non-empty list of ${EXPORT_FORMATS.join(", ")}`);
  return { folder, formats: [...new Set(formats as ExportFormat[])] };
}
