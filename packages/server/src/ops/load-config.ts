/**
 * Builds the server configuration from CLI flags, environment variables and an optional JSON
 * config file (flags beat the environment, which beats the file, which beats the defaults),
 * checking every value at once: all bad values are reported together, one line each, as a
 * ConfigError (never a stack trace).
 *
 *   const { config, warnings } = loadConfig({ env: process.env, flags: { port: "9000" } });
 */
import { readFileSync } from "node:fs";
import { DEFAULT_CONFIG, type ServerConfig } from "../config.ts";
import { BadValue } from "./parse.ts";
import { type ConfigDraft, SETTINGS, type Setting } from "./settings.ts";

/** One or more bad settings; `problems` holds one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  /** Flag values by long name without dashes (strings as parsed; booleans are ignored). */
  flags?: Record<string, string | boolean | undefined>;
  /** Defaults over DEFAULT_CONFIG (e.g. the demo's data folder and log level). */
  defaults?: Partial<ServerConfig>;
}

export interface Loaded {
  config: ServerConfig;
  /** Values accepted but changed (e.g. a period clamped to Node's timer limit). */
  warnings: string[];
}

type Source = { raw: string; where: string };

function readFile(path: string, problems: string[]): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    problems.push(
      err.code === "ENOENT"
        ? `config file ${path}: no such file`
        : `config file ${path}: ${err instanceof SyntaxError ? `not valid JSON (${err.message})` : err.message}`,
    );
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    problems.push(`config file ${path}: must hold a JSON object of settings`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const s = SETTINGS.find((x) => x.env === key);
    if (!s) problems.push(`config file ${path}: unknown setting "${key}"`);
    else if (s.envOnly)
      problems.push(`config file ${path}: ${key} is read from the environment only`);
    else if (!["string", "number", "boolean"].includes(typeof value))
      problems.push(`config file ${path}: ${key} must be a string, number or boolean`);
    else out[key] = String(value);
  }
  return out;
}

function sourceOf(
  s: Setting,
  flags: LoadOptions["flags"],
  env: Record<string, string | undefined>,
  file: Record<string, string>,
  filePath: string,
): Source | null {
  const flag = s.flag ? flags?.[s.flag] : undefined;
  if (typeof flag === "string") return { raw: flag, where: `--${s.flag}` };
  const fromEnv = env[s.env];
  if (fromEnv !== undefined && fromEnv !== "") return { raw: fromEnv, where: s.env };
  if (file[s.env] !== undefined) return { raw: file[s.env]!, where: `${s.env} (in ${filePath})` };
  return null;
}

export function loadConfig(o: LoadOptions = {}): Loaded {
  const env = o.env ?? {};
  const problems: string[] = [];
  const warnings: string[] = [];
  const filePath = typeof o.flags?.config === "string" ? o.flags.config : env.INTENTLY_CONFIG;
  const file = filePath ? readFile(filePath, problems) : {};
  const base = { ...DEFAULT_CONFIG, ...o.defaults };
  const draft: ConfigDraft = {
    ...base,
    collector: { ...base.collector },
    http: { ...base.http },
  };
  for (const s of SETTINGS) {
    const src = sourceOf(s, o.flags, env, file, filePath ?? "");
    if (!src) continue;
    try {
      s.apply(src.raw, draft, (m) => warnings.push(`${src.where}: ${m}`));
    } catch (e) {
      if (!(e instanceof BadValue)) throw e;
      problems.push(`${src.where} must ${e.message}`);
    }
  }
  // Unknown INTENTLY_* variables are most often typos of a setting: say so, do not fail.
  for (const name of Object.keys(env)) {
    if (name.startsWith("INTENTLY_") && !SETTINGS.some((s) => s.env === name))
      warnings.push(`${name} is not a setting (ignored); see docs/configuration.md`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: draft, warnings };
}
