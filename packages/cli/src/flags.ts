/** Validation of flag values: every external input gets a clear message, never a stack trace. */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError } from "./command.ts";

type Values = Record<string, string | boolean | undefined>;

export function intFlag(
  v: Values,
  name: string,
  opts: { min: number; max: number; default?: number },
): number {
  const raw = v[name];
  if (raw === undefined) {
    if (opts.default === undefined) throw new CliError(`--${name} is required`);
    return opts.default;
  }
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw.replace(/_/g, ""))) {
    throw new CliError(`--${name} must be a whole number, got "${String(raw)}"`);
  }
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < opts.min || n > opts.max) {
    throw new CliError(`--${name} must be between ${opts.min} and ${opts.max}, got ${raw}`);
  }
  return n;
}

export function stringFlag(
  v: Values,
  name: string,
  opts: { required?: boolean; default?: string; oneOf?: readonly string[] } = {},
): string {
  const raw = v[name];
  if (raw === undefined || raw === "") {
    if (opts.required) throw new CliError(`--${name} is required`);
    return opts.default ?? "";
  }
  if (typeof raw !== "string") throw new CliError(`--${name} needs a value`);
  if (opts.oneOf && !opts.oneOf.includes(raw)) {
    throw new CliError(`--${name} must be one of ${opts.oneOf.join(", ")}; got "${raw}"`);
  }
  return raw;
}

/** An input file that must exist and be a regular file ("-" is standard input). */
export function inputFile(v: Values, name: string): string {
  const p = stringFlag(v, name, { required: true });
  if (p === "-") return p;
  const abs = resolve(p);
  if (!existsSync(abs)) throw new CliError(`--${name}: no such file: ${p}`, 1);
  if (!statSync(abs).isFile()) throw new CliError(`--${name}: not a file: ${p}`, 1);
  return abs;
}

/** An output file whose folder must exist ("-" is standard output). */
export function outputFile(v: Values, name: string, required = true): string {
  const p = stringFlag(v, name, { required });
  if (p === "" || p === "-") return "-";
  const abs = resolve(p);
  if (!existsSync(dirname(abs)))
    throw new CliError(`--${name}: folder does not exist: ${dirname(p)}`, 1);
  if (existsSync(abs) && statSync(abs).isDirectory())
    throw new CliError(`--${name}: is a folder: ${p}`, 1);
  return abs;
}
