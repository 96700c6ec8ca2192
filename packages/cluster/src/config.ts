/**
 * The configuration `intently start --cluster CONFIG` reads: a JSON file of the fields below
 * and/or environment variables (an environment value beats the file's, which beats the default).
 * Every field is checked at once; all problems come together, one line each, in a
 * ClusterConfigError (never a stack trace). Unknown keys in the file are errors (typos). Service
 * URLs may carry credentials: messages never print them, and `redacted(config)` is the view to log.
 *
 *   const config = loadClusterConfig({ file: "cluster.json", env: process.env });
 */

import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { inspect } from "node:util";
import { MAX_PARTITIONS, MIN_PARTITIONS } from "./partition.ts";
import { PROTOCOLS, SERVICE_ENV, type ServiceUrls } from "./services.ts";

export const ROLES = ["collector", "worker", "api"] as const;
export type Role = (typeof ROLES)[number];
type Service = keyof ServiceUrls;

/** The services each role talks to: a URL is required only when a chosen role needs it. */
export const ROLE_SERVICES: Record<Role, readonly Service[]> = {
  collector: ["nats", "redis"],
  worker: ["nats", "redis", "clickhouse", "postgres"],
  api: ["redis", "clickhouse", "postgres"],
};

export interface ClusterConfig {
  /** What this process runs (default all three). */
  roles: readonly Role[];
  /** The URLs of the services; those the roles need are present. */
  services: Partial<ServiceUrls>;
  /** JetStream partitions of the batch subjects, 1–1024 (default 16). */
  partitions: number;
  /** The JetStream stream's name (default `intently`). */
  stream: string;
  /** Batch subjects are `<subjectPrefix>.<partition>` (default `intently.batches`). */
  subjectPrefix: string;
  /** How often a worker checkpoints its partitions' session state, ms (default 1000). */
  checkpointIntervalMs: number;
  /** TTL of a session's membership hash in Redis, seconds (default 3600). */
  membershipTtlSeconds: number;
  /** HTTP address of the collector and api roles (defaults 127.0.0.1 and 8080, as `intently start`). */
  host: string;
  port: number;
}

/** One or more bad fields; `problems` holds one line per bad field. */
export class ClusterConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid cluster configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ClusterConfigError";
  }
}

type Scalar = Exclude<keyof ClusterConfig, "services" | "roles">;
type Result<T> = { value: T } | { problem: string };
type Check<T> = (raw: unknown, fromEnv: boolean) => Result<T>;
const bad = (problem: string): { problem: string } => ({ problem });

const integer =
  (min: number, max: number): Check<number> =>
  (raw, fromEnv) => {
    const n = fromEnv && typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
    return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max
      ? { value: n }
      : bad(`must be an integer ${min}–${max}, not ${show(raw)}`);
  };

// NATS subject tokens and stream names: kept to a portable subset (no spaces, wildcards, dots).
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

const checkStream: Check<string> = (raw) =>
  typeof raw === "string" && TOKEN.test(raw) && raw.length <= 32
    ? { value: raw }
    : bad(`must be 1–32 characters of A–Z, a–z, 0–9, _ or -, not ${show(raw)}`);

const checkPrefix: Check<string> = (raw) =>
  typeof raw === "string" && raw.length <= 200 && raw.split(".").every((t) => TOKEN.test(t))
    ? { value: raw }
    : bad(
        `must be NATS subject tokens (A–Z, a–z, 0–9, _ or -) joined by dots, no wildcards, not ${show(raw)}`,
      );

const checkHost: Check<string> = (raw) =>
  typeof raw === "string" &&
  (isIP(raw) !== 0 ||
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
      raw,
    ))
    ? { value: raw }
    : bad(`must be an IP address or a host name, not ${show(raw)}`);

const SCALARS: { [K in Scalar]: { env: string; check: Check<ClusterConfig[K]> } } = {
  partitions: { env: "INTENTLY_PARTITIONS", check: integer(MIN_PARTITIONS, MAX_PARTITIONS) },
  stream: { env: "INTENTLY_STREAM", check: checkStream },
  subjectPrefix: { env: "INTENTLY_SUBJECT_PREFIX", check: checkPrefix },
  checkpointIntervalMs: { env: "INTENTLY_CHECKPOINT_INTERVAL_MS", check: integer(100, 600_000) },
  membershipTtlSeconds: { env: "INTENTLY_MEMBERSHIP_TTL_SECONDS", check: integer(1, 604_800) },
  host: { env: "INTENTLY_HOST", check: checkHost },
  port: { env: "INTENTLY_PORT", check: integer(0, 65_535) },
};

export const ROLES_ENV = "INTENTLY_ROLES";

/** Every field: its key in the JSON file and its environment variable. */
export const CLUSTER_FIELDS: Readonly<Record<string, string>> = {
  roles: ROLES_ENV,
  ...SERVICE_ENV,
  ...Object.fromEntries(Object.entries(SCALARS).map(([k, v]) => [k, v.env])),
};

export const CLUSTER_DEFAULTS = {
  roles: ROLES,
  partitions: 16,
  stream: "intently",
  subjectPrefix: "intently.batches",
  checkpointIntervalMs: 1000,
  membershipTtlSeconds: 3600,
  host: "127.0.0.1",
  port: 8080,
} as const satisfies Omit<ClusterConfig, "services">;

function show(raw: unknown): string {
  const s = JSON.stringify(raw);
  return s === undefined ? String(raw) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const checkRoles: Check<readonly Role[]> = (raw, fromEnv) => {
  const list = fromEnv && typeof raw === "string" ? raw.split(",").map((r) => r.trim()) : raw;
  const no = bad(
    `must be a non-empty list of ${ROLES.join(", ")} without repeats, not ${show(raw)}`,
  );
  if (!Array.isArray(list) || list.length === 0 || new Set(list).size !== list.length) return no;
  return list.every((r): r is Role => (ROLES as readonly unknown[]).includes(r))
    ? { value: list }
    : no;
};

/** A service URL: its scheme and a host, checked without ever echoing it (it may hold a password). */
function checkUrl(service: Service, raw: unknown): Result<string> {
  const want = `${PROTOCOLS[service].join(" or ")}//host…`;
  if (typeof raw !== "string") return bad(`must be a URL string (${want})`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad(`is not a URL (${want}; value not shown, it may hold credentials)`);
  }
  if (!PROTOCOLS[service].includes(url.protocol))
    return bad(`must be ${want}, not ${redactUrl(raw)}`);
  if (url.hostname === "") return bad(`has no host: ${redactUrl(raw)}`);
  return { value: raw };
}

// Query parameters that carry secrets in service URLs (e.g. postgres `?password=`).
const SECRET_PARAM = /pass|secret|token|key|auth|cred/i;

/** The URL with its user, password and secret-looking query parameters replaced by `***`. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "***";
  }
  if (url.username) url.username = "***";
  if (url.password) url.password = "***";
  for (const key of [...url.searchParams.keys()])
    if (SECRET_PARAM.test(key)) url.searchParams.set(key, "***");
  return url.href.replaceAll("%2A", "*");
}

/** The configuration with credentials masked: what to log or print. */
export function redacted(config: ClusterConfig): ClusterConfig {
  const services: Partial<ServiceUrls> = {};
  for (const [k, v] of Object.entries(config.services) as [Service, string][])
    services[k] = redactUrl(v);
  return { ...config, services };
}

export interface ClusterSources {
  /** The parsed JSON file (any value: it is checked) and its path for messages. */
  file?: { path: string; values: unknown };
  /** Environment variables; an empty value counts as unset. */
  env?: Record<string, string | undefined>;
}

/** Builds and checks the configuration from the file's values and the environment (pure). */
export function parseClusterConfig(sources: ClusterSources): ClusterConfig {
  const problems: string[] = [];
  const fileValues: Record<string, unknown> = {};
  const f = sources.file;
  if (f) {
    if (typeof f.values !== "object" || f.values === null || Array.isArray(f.values))
      problems.push(`${f.path}: must hold a JSON object of fields`);
    else
      for (const [key, value] of Object.entries(f.values)) {
        if (Object.hasOwn(CLUSTER_FIELDS, key)) fileValues[key] = value;
        else problems.push(`${f.path}: unknown key "${key}"`);
      }
  }
  const env = sources.env ?? {};
  // Each field from the environment, else the file, else undefined; `where` names the source.
  const pick = (key: string): { raw: unknown; fromEnv: boolean; where: string } | undefined => {
    const name = CLUSTER_FIELDS[key] as string;
    const e = env[name];
    if (e !== undefined && e !== "") return { raw: e, fromEnv: true, where: name };
    if (key in fileValues) return { raw: fileValues[key], fromEnv: false, where: `${f?.path}` };
    return undefined;
  };
  // The field's checked value, its default when unset, or undefined after noting the problem.
  const field = <T>(key: string, check: Check<T>, fallback: T): T | undefined => {
    const got = pick(key);
    if (!got) return fallback;
    const out = check(got.raw, got.fromEnv);
    if ("value" in out) return out.value;
    problems.push(`${key} (${got.where}): ${out.problem}`);
    return undefined;
  };

  // Bad roles are reported alone: which URLs are required is then unknown.
  const chosen = field("roles", checkRoles, CLUSTER_DEFAULTS.roles);
  const roles = chosen ?? [];

  const services: Partial<ServiceUrls> = {};
  for (const service of Object.keys(SERVICE_ENV) as Service[]) {
    if (!pick(service)) {
      const users = roles.filter((r) => ROLE_SERVICES[r].includes(service));
      if (users.length > 0)
        problems.push(
          `${service} (${SERVICE_ENV[service]}): missing, required by role${users.length > 1 ? "s" : ""} ${users.join(", ")}`,
        );
      continue;
    }
    const url = field(service, (raw) => checkUrl(service, raw), undefined);
    if (url !== undefined) services[service] = url;
  }

  const scalars = {} as Record<Scalar, unknown>;
  for (const key of Object.keys(SCALARS) as Scalar[])
    scalars[key] = field(key, SCALARS[key].check as Check<unknown>, CLUSTER_DEFAULTS[key]);

  if (problems.length > 0) throw new ClusterConfigError(problems);
  const config = { roles: chosen ?? ROLES, services, ...(scalars as Pick<ClusterConfig, Scalar>) };
  // Logged by mistake (JSON.stringify, console.log), it shows its redacted view; the methods are
  // not enumerable, so copies and comparisons see the plain fields only.
  const view = { value: () => redacted(config) };
  return Object.defineProperties(config, { toJSON: view, [inspect.custom]: view });
}

/** Reads the JSON file (when given) and the environment; throws ClusterConfigError. */
export function loadClusterConfig(options: {
  file?: string;
  env?: Record<string, string | undefined>;
}): ClusterConfig {
  let file: ClusterSources["file"];
  if (options.file !== undefined) {
    const path = options.file;
    try {
      file = { path, values: JSON.parse(readFileSync(path, "utf8")) };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why =
        err.code === "ENOENT"
          ? "no such file"
          : err instanceof SyntaxError
            ? `not valid JSON (${err.message})`
            : err.message;
      // The environment's problems are reported too, after the file's.
      try {
        parseClusterConfig({ env: options.env });
      } catch (inner) {
        if (inner instanceof ClusterConfigError)
          throw new ClusterConfigError([`${path}: ${why}`, ...inner.problems]);
        throw inner;
      }
      throw new ClusterConfigError([`${path}: ${why}`]);
    }
  }
  return parseClusterConfig({ file, env: options.env });
}
