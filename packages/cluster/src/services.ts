/**
 * The cluster's services (NATS JetStream, Redis, ClickHouse, PostgreSQL) for tests and
 * development: `ensureServices()` runs `scripts/services up` once per process (it installs what
 * is missing, starts what is not running and waits until each answers; idempotent and locked,
 * so parallel test files may all call it) and returns the URLs it wrote to the folder's env file.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where each service answers, as written to `<services folder>/env`. */
export interface ServiceUrls {
  /** `nats://127.0.0.1:…` (JetStream enabled). */
  nats: string;
  /** `redis://127.0.0.1:…`. */
  redis: string;
  /** `http://127.0.0.1:…/intently`: the HTTP interface, database `intently` as the path. */
  clickhouse: string;
  /** `postgres://intently:…@127.0.0.1:…/intently`: a role with CREATEDB and its database. */
  postgres: string;
}

/** The env file's variable of each service (also how `intently start --cluster` reads them). */
export const SERVICE_ENV = {
  nats: "INTENTLY_NATS_URL",
  redis: "INTENTLY_REDIS_URL",
  clickhouse: "INTENTLY_CLICKHOUSE_URL",
  postgres: "INTENTLY_POSTGRES_URL",
} as const satisfies Record<keyof ServiceUrls, string>;

/** The schemes each service URL may have (shared with the cluster configuration). */
export const PROTOCOLS: Record<keyof ServiceUrls, readonly string[]> = {
  nats: ["nats:"],
  redis: ["redis:"],
  clickhouse: ["http:", "https:"],
  postgres: ["postgres:", "postgresql:"],
};

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SERVICES_SCRIPT = join(ROOT, "scripts", "services");

/** The services folder: `INTENTLY_SERVICES_DIR`, else `.services/` at the repository root. */
export function servicesDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.INTENTLY_SERVICES_DIR;
  return dir ? resolve(dir) : join(ROOT, ".services");
}

/** Parses an env file (`KEY=value` lines, `#` comments); throws naming what is wrong. */
export function parseServicesEnv(text: string, source = "services env"): ServiceUrls {
  const vars = new Map<string, string>();
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`${source}:${i + 1}: not KEY=value: ${JSON.stringify(line)}`);
    vars.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const urls: Partial<ServiceUrls> = {};
  for (const key of Object.keys(SERVICE_ENV) as (keyof ServiceUrls)[]) {
    const name = SERVICE_ENV[key];
    const value = vars.get(name);
    if (value === undefined) throw new Error(`${source}: ${name} is missing`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`${source}: ${name} is not a URL: ${JSON.stringify(value)}`);
    }
    if (!PROTOCOLS[key].includes(url.protocol))
      throw new Error(`${source}: ${name} must be ${PROTOCOLS[key].join(" or ")}//…, not ${value}`);
    urls[key] = value;
  }
  return urls as ServiceUrls;
}

/** Reads the URLs of services already up (no start): throws when the env file is missing. */
export async function readServiceUrls(env: NodeJS.ProcessEnv = process.env): Promise<ServiceUrls> {
  const file = join(servicesDir(env), "env");
  return parseServicesEnv(await readFile(file, "utf8"), file);
}

/** Bound on one `up`: a fresh machine installs four Debian packages first. */
const UP_TIMEOUT_MS = 30 * 60_000;

function servicesUp(log: (chunk: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("bash", [SERVICES_SCRIPT, "up"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: UP_TIMEOUT_MS,
    });
    let tail = "";
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      log(text);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", fail);
    child.on("close", (code, signal) => {
      if (code === 0) done();
      else
        fail(
          new Error(`scripts/services up failed (${signal ?? `exit ${code}`}):\n${tail.trimEnd()}`),
        );
    });
  });
}

let pending: Promise<ServiceUrls> | undefined;

/**
 * Starts the services when they are not running (once per process) and returns their URLs.
 * The script's progress lines (an apt-get install, each start) go to `log`, stderr by default.
 */
export function ensureServices(
  log: (chunk: string) => void = (s) => process.stderr.write(s),
): Promise<ServiceUrls> {
  pending ??= servicesUp(log)
    .then(() => readServiceUrls())
    .catch((e: unknown) => {
      pending = undefined; // a later call tries again
      throw e;
    });
  return pending;
}
