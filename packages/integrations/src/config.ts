/**
 * Integrations as configured per site (the store's Integration rows). Secrets are sealed with
 * the SecretBox before they reach the store and are never returned: `redact` is what the API
 * shows, and saving with a secret omitted (or still "[redacted]") keeps the stored one.
 * Credentials inside destination URLs are write-only the same way (./url-mask.ts).
 */
import type { Integration, Store } from "@intently/store";
import { connectorOf } from "./connectors/index.ts";
import { ConfigError } from "./connectors/types.ts";
import { destinationRefusal } from "./destination-guard.ts";
import { DISABLED_FIELD } from "./disabled.ts";
import { validateExport } from "./export-config.ts";
import { ruleMessage } from "./field-check.ts";
import {
  brokenRule,
  DESTINATION_FIELDS,
  EXPORT_KIND,
  fieldRule,
  GA4_BASE_URL,
  INTEGRATION_KINDS,
  KLAVIYO_BASE_URL,
  REDACTED,
} from "./fields.ts";
import type { RateLimit } from "./rate-limiter.ts";
import { SecretBox } from "./secrets.ts";
import { hasMaskedCredentials, maskUrl, unmaskUrl } from "./url-mask.ts";

/** Declared with the field rules (./fields.ts), which the dashboard reads too. */
export { INTEGRATION_KINDS, REDACTED };

interface Kind {
  secretFields: readonly string[];
  validate(raw: Record<string, unknown>): unknown;
}

/**
 * A secret typed in now meets its field's whole rule, stricter than a stored one: a webhook
 * secret must be a Standard Webhooks `whsec_` one, while old secrets already stored keep
 * working (see ./signature.ts) — also when sent again unchanged, as a moved destination requires.
 */
function newSecretProblem(kind: string, name: string, value: unknown): string | null {
  const rule = fieldRule(kind, name);
  const broken = rule ? brokenRule(rule, value, true) : null;
  return rule && broken ? ruleMessage(rule, broken, value) : null;
}

function kindOf(kind: string): Kind {
  if (kind === EXPORT_KIND) return { secretFields: [], validate: validateExport };
  const c = connectorOf(kind);
  if (!c) throw new ConfigError(`unknown integration kind "${kind}"`);
  return c;
}

function rateLimitOf(raw: Record<string, unknown>): RateLimit | undefined {
  const r = raw.rateLimit as Partial<RateLimit> | undefined;
  if (r === undefined) return undefined;
  const ok = (v: unknown) => typeof v === "number" && v > 0 && v <= 100_000;
  if (typeof r !== "object" || r === null || !ok(r.perSecond) || !ok(r.burst))
    throw new ConfigError("rateLimit needs perSecond and burst (positive numbers)");
  return { perSecond: r.perSecond!, burst: Math.max(1, r.burst!) };
}

function openOrNull(box: SecretBox, sealed: string, id: string): string | null {
  try {
    return box.open(sealed, id);
  } catch {
    return null;
  }
}

export interface IntegrationInput {
  id: string;
  site: string;
  kind: string;
  name: string;
  /** Plain configuration; secret fields in clear (sealed here) or omitted to keep the old. */
  config: Record<string, unknown>;
  enabled?: boolean;
}

/** DESTINATION_FIELDS hold a URL the user chose, checked by the SSRF guard when they change. */
/** The vendors' own endpoints need no DNS check when saved (connections are still checked). */
const VENDOR_URLS = [GA4_BASE_URL, KLAVIYO_BASE_URL];

const sameUrl = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

/**
 * ConfigError when a destination URL that is new or changed points at a non-public address.
 * Unchanged ones are not re-checked, so an integration can still be paused or renamed after
 * its host's DNS changed (the send-time guard refuses it meanwhile).
 */
async function checkDestinations(
  raw: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
  allowPrivate: boolean | undefined,
): Promise<void> {
  for (const f of DESTINATION_FIELDS) {
    const v = raw[f];
    if (typeof v !== "string" || v === "" || sameUrl(v, stored?.[f])) continue;
    if (VENDOR_URLS.some((u) => sameUrl(v, u))) continue;
    const why = await destinationRefusal(v, { allowPrivate });
    if (why) throw new ConfigError(`${f} ${why}`);
  }
}

export interface SaveOptions {
  /** Private and loopback destinations allowed (undefined: INTENTLY_ALLOW_PRIVATE_DESTINATIONS). */
  allowPrivateDestinations?: boolean;
}

/** Validates, seals the secrets and saves; returns the redacted row. */
export async function saveIntegration(
  store: Store,
  box: SecretBox,
  input: IntegrationInput,
  opts: SaveOptions = {},
): Promise<Integration> {
  const kind = kindOf(input.kind);
  const existing = await store.config.getIntegration(input.id);
  if (existing && existing.site !== input.site)
    throw new ConfigError(`integration ${input.id} belongs to another site`);
  const plain: Record<string, unknown> = { ...input.config };
  const before = existing?.kind === input.kind ? existing.config : undefined;
  for (const f of DESTINATION_FIELDS) {
    if (typeof plain[f] !== "string") continue;
    const v = unmaskUrl(plain[f], (before as Record<string, unknown> | undefined)?.[f]) as string;
    plain[f] = v;
    if (hasMaskedCredentials(v))
      throw new ConfigError(`${f} holds masked credentials (***): send them in full`);
  }
  for (const f of kind.secretFields) {
    const prev =
      existing?.kind === input.kind ? (existing.config as Record<string, unknown>)[f] : undefined;
    if (plain[f] !== undefined && plain[f] !== REDACTED) {
      const kept = SecretBox.isSealed(prev) && openOrNull(box, prev, input.id) === plain[f];
      const problem = kept ? null : newSecretProblem(input.kind, f, plain[f]);
      if (problem) throw new ConfigError(problem);
      continue;
    }
    if (!SecretBox.isSealed(prev)) throw new ConfigError(`${f} is required`);
    plain[f] = box.open(prev, input.id);
  }
  const stored = { ...(kind.validate(plain) as Record<string, unknown>) };
  await checkDestinations(plain, before as Record<string, unknown>, opts.allowPrivateDestinations);
  const rateLimit = rateLimitOf(plain);
  if (rateLimit) stored.rateLimit = rateLimit;
  for (const f of kind.secretFields) stored[f] = box.seal(String(stored[f]), input.id);
  const saved = await store.config.saveIntegration({
    id: input.id,
    site: input.site,
    kind: input.kind,
    name: input.name,
    config: stored,
    enabled: input.enabled ?? true,
  });
  return redact(saved);
}

/**
 * The row as the API may show it: every secret replaced by "[redacted]", credentials in
 * destination URLs by "***".
 */
export function redact(i: Integration): Integration {
  const config = { ...(i.config as Record<string, unknown>) };
  delete config[DISABLED_FIELD]; // shown apart (disabledOf), never sent back as configuration
  for (const f of kindOf(i.kind).secretFields) if (f in config) config[f] = REDACTED;
  for (const f of DESTINATION_FIELDS) {
    const v = config[f];
    if (typeof v === "string") config[f] = maskUrl(v);
  }
  return { ...i, config };
}

export interface OpenIntegration {
  integration: Integration;
  /** Checked configuration with secrets in clear (memory only). */
  config: Record<string, unknown>;
  rateLimit: RateLimit | undefined;
}

/** Unseals and re-checks a stored integration; throws when its secrets cannot be opened. */
export function openIntegration(box: SecretBox, i: Integration): OpenIntegration {
  const kind = kindOf(i.kind);
  const raw = { ...(i.config as Record<string, unknown>) };
  for (const f of kind.secretFields) {
    const v = raw[f];
    if (!SecretBox.isSealed(v)) throw new ConfigError(`${f} is not sealed`);
    raw[f] = box.open(v, i.id);
  }
  return {
    integration: i,
    config: kind.validate(raw) as Record<string, unknown>,
    rateLimit: rateLimitOf(raw),
  };
}

/** An integration of a site by id, or by name when no id matches. */
export async function findIntegration(
  store: Store,
  site: string,
  idOrName: string,
): Promise<Integration | null> {
  const all = await store.config.listIntegrations(site);
  return all.find((i) => i.id === idOrName) ?? all.find((i) => i.name === idOrName) ?? null;
}
