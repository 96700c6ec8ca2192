/**
 * What the integration routes share: the running IntegrationsService and its SecretBox, the
 * integration of the path (inside the path's site only), and integration errors as HTTP ones.
 */

import { IntegrationConfig } from "@intently/api-contract";
import {
  ConfigError,
  disabledOf,
  type IntegrationsService,
  redact,
  SecretBox,
} from "@intently/integrations";
import type { Integration } from "@intently/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { integrationsOf } from "../../integrations-plugin.ts";
import { siteOf } from "../auth/principal.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";

/**
 * The service the integrations plugin runs, if any. It is registered on the root app; the API
 * scope is an encapsulated child, whose prototype chain leads back to the root.
 */
export function serviceOf(api: Api): IntegrationsService | undefined {
  for (let o: object | null = api; o; o = Object.getPrototypeOf(o)) {
    const s = integrationsOf(o as FastifyInstance);
    if (s) return s;
  }
  return undefined;
}

const boxes = new WeakMap<object, SecretBox>();

/**
 * The key the delivery worker opens secrets with. The service's own box when it runs (an
 * in-memory server's key is random per box); otherwise the key of the environment or data
 * folder, which is the one the plugin, the CLI and the API all derive alike.
 */
export function boxOf(api: Api, deps: ApiDeps): SecretBox {
  const own = (serviceOf(api) as unknown as { box?: unknown } | undefined)?.box;
  if (own instanceof SecretBox) return own;
  let box = boxes.get(deps.ctx.store);
  if (!box) {
    box = SecretBox.open(deps.ctx.config.dataDir);
    boxes.set(deps.ctx.store, box);
  }
  return box;
}

/** The `:integration` of the path, if it belongs to the path's site (404 otherwise). */
export async function integrationOf(req: FastifyRequest, deps: ApiDeps): Promise<Integration> {
  const { integration } = req.params as { integration: string };
  const row = await deps.ctx.store.config.getIntegration(integration);
  if (!row || row.site !== siteOf(req).id) throw notFound("integration");
  return row;
}

const FIELDS = new Set(Object.keys(IntegrationConfig.properties));

/** Configuration errors → 400 with the field's path; undecryptable secrets → 409. */
export function httpErrorOf(e: unknown): unknown {
  if (e instanceof ConfigError) {
    const first = e.message.split(" ")[0] ?? "";
    const field = FIELDS.has(first) ? first : null;
    return badRequest(`invalid configuration: ${e.message}`, [
      { path: `/body/config${field ? `/${field}` : ""}`, message: e.message },
    ]);
  }
  if (e instanceof Error && /unable to authenticate data|not a sealed secret/i.test(e.message))
    return conflict(
      "a stored secret cannot be opened with this server's key: save the integration again with its secrets",
    );
  return e;
}

/** Runs `fn`, turning integration errors into HTTP ones. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw httpErrorOf(e);
  }
}

export type IntegrationOut = Omit<Integration, "config"> & {
  config: Record<string, unknown>;
  /** Disabled by delivery (a webhook endpoint answered 410 Gone), not paused by a user. */
  disabled: boolean;
  disabledReason: string | null;
  disabledAt: number | null;
};

/** `redact`, or no configuration at all for a kind this server does not know. */
export function view(i: Integration): IntegrationOut {
  const d = disabledOf(i);
  const state = {
    disabled: d !== null,
    disabledReason: d?.reason ?? null,
    disabledAt: d?.at ?? null,
  };
  try {
    const r = redact(i);
    return { ...r, config: r.config as Record<string, unknown>, ...state };
  } catch {
    return { ...i, config: {}, ...state };
  }
}
