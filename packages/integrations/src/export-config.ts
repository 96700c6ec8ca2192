/** Configuration of the scheduled export integration: a folder and the formats wanted. */
import { tmpdir } from "node:os";
import { delimiter, isAbsolute, resolve, sep } from "node:path";
import { ConfigError } from "./connectors/types.ts";
import { checkFields, fieldValue } from "./field-check.ts";
import { EXPORT_FORMATS, EXPORT_KIND, type ExportFormat } from "./fields.ts";

/** The kind and its formats are declared with the field rules (./fields.ts). */
export { EXPORT_FORMATS, EXPORT_KIND, type ExportFormat };

export interface ExportConfig {
  /** Absolute folder; files go to <folder>/<site>/<site>-<YYYY-MM-DD>.<format>. */
  folder: string;
  formats: ExportFormat[];
}

/**
 * Folders exports may write to: INTENTLY_EXPORT_ROOT (a path-delimited list) when set, else the
 * system temp folder and the working directory's `.data`. An editor can configure an export,
 * so it must not be able to make the server write anywhere on disk.
 */
export function exportRoots(env: Record<string, string | undefined> = process.env): string[] {
  const configured = env.INTENTLY_EXPORT_ROOT?.split(delimiter).filter(Boolean);
  return (configured?.length ? configured : [tmpdir(), ".data"]).map((r) => resolve(r));
}

/**
 * The folder as the user gave it, for messages. Errors never name the resolved path or the
 * allowed roots: they are the server's paths (its temp folder, working directory, data folder)
 * and an editor has no need of them.
 */
const given = (folder: string) =>
  JSON.stringify(folder.length > 200 ? `${folder.slice(0, 200)}…` : folder);

export function validateExport(raw: Record<string, unknown>): ExportConfig {
  checkFields(EXPORT_KIND, raw);
  const folder = fieldValue<string>(EXPORT_KIND, raw, "folder");
  // The field rule's absolute path, in this server's own sense of it (platform paths).
  if (!isAbsolute(folder))
    throw new ConfigError(`folder ${given(folder)} is not an absolute path on this server`);
  const normal = resolve(folder);
  if (!exportRoots().some((r) => normal === r || normal.startsWith(r + sep))) {
    const allowed = process.env.INTENTLY_EXPORT_ROOT
      ? "one of the folders listed in the server's INTENTLY_EXPORT_ROOT"
      : "the server's temp folder or its .data folder (INTENTLY_EXPORT_ROOT allows others)";
    throw new ConfigError(`folder ${given(folder)} must be inside ${allowed}`);
  }
  const formats = fieldValue<ExportFormat[]>(EXPORT_KIND, raw, "formats");
  return { folder: normal, formats: [...new Set(formats)] };
}
