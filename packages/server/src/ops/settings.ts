/**
 * Every operator setting in one table: its environment variable, CLI flag, default (as the docs
 * show it), meaning, and how its value is parsed into the server configuration. The loader
 * (load-config.ts) reads flags, environment and config file through it, and
 * docs/configuration.md carries `settingsTable()` verbatim (a test checks it).
 */
import { SECRET_KEY_ENV, SecretBox } from "@intently/integrations";
import { MIN_PASSWORD } from "../api/auth/passwords.ts";
import { DEFAULT_COLLECTOR_OPTIONS } from "../collector/options.ts";
import { DEFAULT_CONFIG, LOG_LEVELS, type ServerConfig } from "../config.ts";
import { DEFAULT_HTTP_LIMITS } from "../connection-limits.ts";
import {
  BadValue,
  parseBoolean,
  parseEmail,
  parseHost,
  parseNumber,
  parseOneOf,
  parseProxyList,
  parsePublicUrl,
  timerMs,
} from "./parse.ts";

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The configuration being built; collector and http limits are filled field by field. */
export type ConfigDraft = ServerConfig & {
  collector: NonNullable<ServerConfig["collector"]>;
  http: NonNullable<ServerConfig["http"]>;
};

export interface Setting {
  env: string;
  /** Long CLI flag without the dashes, when there is one. */
  flag?: string;
  /** The default as the docs show it (markdown). */
  default: string;
  /** What it does (markdown, one line). */
  doc: string;
  /** Secrets and machine-specific paths: read from the environment only, not the config file. */
  envOnly?: boolean;
  /** Parses `raw` into the draft; throws BadValue; `warn` reports an accepted but changed value. */
  apply(raw: string, into: ConfigDraft, warn: (message: string) => void): void;
}

/** A period in `unit`s (≥ 0; 0 turns it off when `zeroOff`), clamped to Node's timer limit. */
function period(
  unit: "seconds" | "hours" | "days",
  set: (c: ConfigDraft, ms: number) => void,
  o: { zeroOff?: boolean; min?: number } = {},
): Setting["apply"] {
  const unitMs = unit === "seconds" ? SECOND : unit === "hours" ? HOUR : DAY;
  return (raw, c, warn) => {
    const n = parseNumber(raw, { min: o.min ?? 0, unit });
    if (n === 0 && !o.zeroOff) throw new BadValue(`be more than 0 ${unit}, got "${raw.trim()}"`);
    const t = timerMs(n, unitMs);
    if (t.clamped)
      warn(`${n} ${unit} is longer than a timer can wait: using ${(t.ms / DAY).toFixed(1)} days`);
    set(c, t.ms);
  };
}

/** A count (whole number) within [min, max]. */
function count(set: (c: ConfigDraft, n: number) => void, min: number, max: number) {
  return (raw: string, c: ConfigDraft) => set(c, parseNumber(raw, { min, max, integer: true }));
}

const C = DEFAULT_COLLECTOR_OPTIONS;
const H = DEFAULT_HTTP_LIMITS;
const fmt = (n: number) => n.toLocaleString("en");

export const SETTINGS: readonly Setting[] = [
  {
    env: "INTENTLY_CONFIG",
    flag: "config",
    default: "none",
    doc: "A JSON file of settings: an object whose keys are the variable names below (except those marked environment only). Flags beat the environment, which beats the file.",
    envOnly: true,
    apply: () => {},
  },
  {
    env: "INTENTLY_DATA_DIR",
    flag: "data",
    default: `\`${DEFAULT_CONFIG.dataDir}\` (\`demo\`: \`.data/demo\`)`,
    doc: "Data folder: the embedded store, the collector log, models and `secret.key`. Created 0700.",
    apply: (raw, c) => {
      if (raw.trim() === "") throw new BadValue("name a folder");
      c.dataDir = raw.trim();
    },
  },
  {
    env: "INTENTLY_HOST",
    flag: "host",
    default: `\`${DEFAULT_CONFIG.host}\``,
    doc: "Address to listen on (`0.0.0.0`: every interface).",
    apply: (raw, c) => {
      c.host = parseHost(raw);
    },
  },
  {
    env: "INTENTLY_PORT",
    flag: "port",
    default: `\`${DEFAULT_CONFIG.port}\``,
    doc: "Port to listen on (0 picks a free one).",
    apply: count(
      (c, n) => {
        c.port = n;
      },
      0,
      65_535,
    ),
  },
  {
    env: "INTENTLY_PUBLIC_URL",
    flag: "public-url",
    default: "`http://HOST:PORT`",
    doc: "The address shoppers' browsers and users reach (e.g. `https://in.shop.com`): used in tag snippets, links and the API; `https` makes the session cookie `Secure`. Absolute, no path, query or fragment.",
    apply: (raw, c) => {
      c.publicUrl = raw.trim() === "" ? "" : parsePublicUrl(raw);
    },
  },
  {
    env: "INTENTLY_TRUST_PROXY",
    flag: "trust-proxy",
    default: "none",
    doc: "Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed, comma-separated: IP addresses, CIDR blocks (`10.0.0.0/8`) or `loopback`, `linklocal`, `uniquelocal`. The client address (login rate limits, connection caps are per socket) comes from the header only on requests from these.",
    apply: (raw, c) => {
      c.trustProxy = parseProxyList(raw);
    },
  },
  {
    env: "INTENTLY_LOG_LEVEL",
    flag: "log-level",
    default: "`info` (`demo`: `warn`)",
    doc: `JSON log lines on standard output at this level and above: ${LOG_LEVELS.map((l) => `\`${l}\``).join(", ")}.`,
    apply: (raw, c) => {
      c.logLevel = parseOneOf(raw, LOG_LEVELS);
    },
  },
  {
    env: "INTENTLY_METRICS_TOKEN",
    default: "none (`/metrics` answers 404)",
    doc: "Bearer token for Prometheus at `/metrics` (`Authorization: Bearer TOKEN`; a wrong or missing one gets 401). At least 16 characters.",
    envOnly: true,
    apply: (raw, c) => {
      const t = raw.trim();
      if (t.length > 0 && t.length < 16)
        throw new BadValue(`have at least 16 characters (has ${t.length})`);
      if (/\s/.test(t)) throw new BadValue("have no spaces");
      c.metricsToken = t;
    },
  },
  {
    env: "INTENTLY_ADMIN_EMAIL",
    default: "`admin@intently.local`",
    doc: "Email of the admin account created at the first start (when no workspace has a member).",
    envOnly: true,
    apply: (raw) => {
      if (raw.trim() !== "") parseEmail(raw);
    },
  },
  {
    env: "INTENTLY_ADMIN_PASSWORD",
    default: "generated, printed once",
    doc: `Password of that first admin (at least ${MIN_PASSWORD} characters). Read at the first start only.`,
    envOnly: true,
    apply: (raw) => {
      if (raw !== "" && raw.length < MIN_PASSWORD)
        throw new BadValue(`have at least ${MIN_PASSWORD} characters (has ${raw.length})`);
    },
  },
  {
    env: SECRET_KEY_ENV,
    default: "`secret.key` in the data folder",
    doc: "Key that encrypts integration secrets (AES-256-GCM): 64 hex characters or base64 of 32 bytes.",
    envOnly: true,
    apply: (raw) => {
      try {
        SecretBox.open(null, { [SECRET_KEY_ENV]: raw });
      } catch {
        throw new BadValue("be 32 bytes, as 64 hex characters or base64");
      }
    },
  },
  {
    env: "INTENTLY_EXPORT_ROOT",
    default: "the temp folder and `.data`",
    doc: "Folders scheduled exports may write to (a path-delimited list).",
    envOnly: true,
    apply: () => {},
  },
  {
    env: "INTENTLY_ALLOW_PRIVATE_DESTINATIONS",
    default: "`false`",
    doc: "Lets integrations send to loopback, private and link-local addresses.",
    apply: (raw, c) => {
      c.allowPrivateDestinations = parseBoolean(raw);
    },
  },
  {
    env: "INTENTLY_DASHBOARD_CACHE",
    default: "`node_modules/.cache/intently-dashboard`",
    doc: "Where the dashboard build is cached.",
    envOnly: true,
    apply: () => {},
  },
  {
    env: "INTENTLY_ADVANCE_EVERY_SECONDS",
    default: `\`${DEFAULT_CONFIG.advanceEveryMs / SECOND}\``,
    doc: "How often idle sessions move to Abandon and timed-out sessions end.",
    apply: period(
      "seconds",
      (c, ms) => {
        c.advanceEveryMs = ms;
      },
      { min: 0.1 },
    ),
  },
  {
    env: "INTENTLY_TRAIN_EVERY_HOURS",
    default: "`24`",
    doc: "How often each site's model is retrained from the collector log; 0 turns it off.",
    apply: period(
      "hours",
      (c, ms) => {
        c.trainEveryMs = ms;
      },
      { zeroOff: true },
    ),
  },
  {
    env: "INTENTLY_RETENTION_EVERY_HOURS",
    default: "`6`",
    doc: "How often each site's data retention is applied; 0 turns it off.",
    apply: period(
      "hours",
      (c, ms) => {
        c.retentionEveryMs = ms;
      },
      { zeroOff: true },
    ),
  },
  {
    env: "INTENTLY_OUTBOX_RETENTION_DAYS",
    default: "`7`",
    doc: "How long delivered integration messages are kept.",
    apply: (raw, c) => {
      c.outboxRetentionMs = parseNumber(raw, { min: 0.001, unit: "days" }) * DAY;
    },
  },
  {
    env: "INTENTLY_COLLECT_MAX_BODY_KB",
    default: `\`${C.maxBodyBytes / 1024}\``,
    doc: "Largest collect request body; larger ones get 413.",
    apply: count(
      (c, n) => {
        c.collector.maxBodyBytes = n * 1024;
      },
      1,
      1024,
    ),
  },
  {
    env: "INTENTLY_COLLECT_SITE_RATE",
    default: `\`${fmt(C.siteRate.perSecond)}\``,
    doc: "Collect requests per second of one site (all its visitors); beyond, 429.",
    apply: (raw, c) => {
      const perSecond = parseNumber(raw, { min: 0.01, unit: "requests per second" });
      c.collector.siteRate = { ...(c.collector.siteRate ?? C.siteRate), perSecond };
    },
  },
  {
    env: "INTENTLY_COLLECT_SITE_BURST",
    default: `\`${fmt(C.siteRate.burst)}\``,
    doc: "Collect requests one site may send at once.",
    apply: count(
      (c, burst) => {
        c.collector.siteRate = { ...(c.collector.siteRate ?? C.siteRate), burst };
      },
      1,
      10_000_000,
    ),
  },
  {
    env: "INTENTLY_COLLECT_VISITOR_RATE",
    default: `\`${C.visitorRate.perSecond}\``,
    doc: "Collect requests per second of one visitor.",
    apply: (raw, c) => {
      const perSecond = parseNumber(raw, { min: 0.01, unit: "requests per second" });
      c.collector.visitorRate = { ...(c.collector.visitorRate ?? C.visitorRate), perSecond };
    },
  },
  {
    env: "INTENTLY_COLLECT_VISITOR_BURST",
    default: `\`${C.visitorRate.burst}\``,
    doc: "Collect requests one visitor may send at once.",
    apply: count(
      (c, burst) => {
        c.collector.visitorRate = { ...(c.collector.visitorRate ?? C.visitorRate), burst };
      },
      1,
      1_000_000,
    ),
  },
  {
    env: "INTENTLY_COLLECT_MAX_IN_FLIGHT",
    default: `\`${C.maxInFlight}\``,
    doc: "Collect requests handled at once; beyond, 503 before the body is read.",
    apply: count(
      (c, n) => {
        c.collector.maxInFlight = n;
      },
      1,
      100_000,
    ),
  },
  {
    env: "INTENTLY_COLLECT_MAX_MEMORY_MB",
    default: "min(1024, 60% of the V8 heap limit)",
    doc: "JS memory beyond which collect requests get 503.",
    apply: count(
      (c, n) => {
        c.collector.maxMemoryBytes = n * 1024 * 1024;
      },
      16,
      1_048_576,
    ),
  },
  {
    env: "INTENTLY_COLLECT_LOG_RETENTION_DAYS",
    default: `\`${C.logRetentionMs / DAY}\``,
    doc: "Closed, checkpointed collector log segments older than this are deleted (models train on what is kept).",
    apply: (raw, c) => {
      c.collector.logRetentionMs = parseNumber(raw, { min: 0.001, unit: "days" }) * DAY;
    },
  },
  {
    env: "INTENTLY_HTTP_MAX_CONNECTIONS",
    default: `\`${fmt(H.maxConnections)}\``,
    doc: "Open connections in all; beyond, new ones are dropped.",
    apply: count(
      (c, n) => {
        c.http.maxConnections = n;
      },
      1,
      1_000_000,
    ),
  },
  {
    env: "INTENTLY_HTTP_MAX_CONNECTIONS_PER_IP",
    default: `\`${H.maxConnectionsPerIp}\``,
    doc: "Open connections per client address (socket, not X-Forwarded-For); 0 turns the cap off. Behind a proxy every connection comes from the proxy: raise it or set 0.",
    apply: count(
      (c, n) => {
        c.http.maxConnectionsPerIp = n;
      },
      0,
      1_000_000,
    ),
  },
];

/** The markdown table of every setting (docs/configuration.md carries it verbatim). */
export function settingsTable(): string {
  const rows = SETTINGS.map(
    (s) =>
      `| \`${s.env}\` | ${s.flag ? `\`--${s.flag}\`` : ""} | ${s.default} | ${s.doc}${s.envOnly ? " *(environment only)*" : ""} |`,
  );
  return ["| variable | flag | default | meaning |", "|---|---|---|---|", ...rows].join("\n");
}
