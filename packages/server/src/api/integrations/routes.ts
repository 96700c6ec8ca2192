/**
 * Post-session integrations of a site (docs/product/activation.md#integrations). Secrets are accepted on create and update,
 * sealed by the integrations package before they reach the store, and never returned: every
 * answer goes through `redact` ("[redacted]"; credentials inside destination URLs "***", for
 * every role — an edit that sends the masked URL back keeps the stored one).
 *   GET    /api/sites/:site/integrations                  every integration (viewer)
 *   POST   /api/sites/:site/integrations                  a new one: {name, kind, config} (editor)
 *   GET    /api/sites/:site/integrations/:integration     one (viewer)
 *   PATCH  /api/sites/:site/integrations/:integration     name, enabled, config merged (editor);
 *                                                          re-enables an endpoint disabled by a 410
 *   DELETE /api/sites/:site/integrations/:integration     remove it (editor)
 * Delivery (test send, metrics, dead letters, replay): ./delivery.ts.
 */

import { Type } from "@fastify/type-provider-typebox";
import {
  IntegrationBody,
  IntegrationParams,
  IntegrationPatch,
  IntegrationView,
  NoContent,
  SiteParams,
} from "@intently/api-contract";
import {
  connectorOf,
  disabledOf,
  REDACTED,
  saveIntegration,
  unmaskUrl,
} from "@intently/integrations";
import { DESTINATION_FIELDS } from "@intently/integrations/fields";
import type { Integration } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { badRequest } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Api, ApiDeps } from "../types.ts";
import { registerDeliveryRoutes } from "./delivery.ts";
import { boxOf, integrationOf, mapped, view } from "./service.ts";

const tags = ["integrations"];

const norm = (v: unknown) =>
  String(v ?? "")
    .trim()
    .replace(/\/+$/, "");

/** 400 when the patch moves the destination but leaves a stored secret to be reused. */
function checkSecretsResent(row: Integration, patch: Record<string, unknown>): void {
  const stored = row.config as Record<string, unknown>;
  const moved = DESTINATION_FIELDS.find(
    (f) => patch[f] !== undefined && norm(patch[f]) !== norm(stored[f]),
  );
  if (!moved) return;
  for (const f of connectorOf(row.kind)?.secretFields ?? []) {
    if (typeof patch[f] !== "string" || patch[f] === REDACTED)
      throw badRequest(`send ${f} again when changing ${moved}`, [
        { path: `/body/config/${f}`, message: `required when ${moved} changes` },
      ]);
  }
}

/** A destination sent back as it was shown (credentials masked) is the stored one. */
function keepMaskedUrls(row: Integration, patch: Record<string, unknown>) {
  const stored = row.config as Record<string, unknown>;
  const out = { ...patch };
  for (const f of DESTINATION_FIELDS)
    if (out[f] !== undefined) out[f] = unmaskUrl(out[f], stored[f]);
  return out;
}

export function registerIntegrationRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;
  // New or changed destination URLs must be public unless the server allows private ones.
  const guard = { allowPrivateDestinations: deps.ctx.config.allowPrivateDestinations };

  api.get("/sites/:site/integrations", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "A site's integrations (secrets redacted)",
      params: SiteParams,
      response: { 200: Type.Array(IntegrationView) },
    },
    handler: async (req) => (await store.config.listIntegrations(siteOf(req).id)).map(view),
  });

  api.post("/sites/:site/integrations", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "Create an integration: its secrets are stored encrypted and never shown again",
      params: SiteParams,
      body: IntegrationBody,
      response: { 201: IntegrationView },
    },
    handler: async (req, reply) => {
      const { name, kind, config, enabled } = req.body;
      const saved = await mapped(() =>
        saveIntegration(
          store,
          boxOf(api, deps),
          {
            id: randomId("int_", 6),
            site: siteOf(req).id,
            kind,
            name: name.trim(),
            config,
            enabled: enabled ?? true,
          },
          guard,
        ),
      );
      return reply.code(201).send(view(saved));
    },
  });

  api.get("/sites/:site/integrations/:integration", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "One integration (secrets redacted)",
      params: IntegrationParams,
      response: { 200: IntegrationView },
    },
    handler: async (req) => view(await integrationOf(req, deps)),
  });

  api.patch("/sites/:site/integrations/:integration", {
    config: { access: "editor" },
    schema: {
      tags,
      summary:
        "Update an integration's name, state or configuration (merged; secrets kept unless sent)",
      params: IntegrationParams,
      body: IntegrationPatch,
      response: { 200: IntegrationView },
    },
    handler: async (req) => {
      const row = await integrationOf(req, deps);
      const patch = keepMaskedUrls(row, (req.body.config ?? {}) as Record<string, unknown>);
      checkSecretsResent(row, patch);
      const saved = await mapped(() =>
        saveIntegration(
          store,
          boxOf(api, deps),
          {
            id: row.id,
            site: row.site,
            kind: row.kind,
            name: req.body.name?.trim() ?? row.name,
            // Stored secrets show as "[redacted]" here, URL credentials as "***": both are kept.
            config: { ...view(row).config, ...patch },
            // Saving an endpoint disabled by a 410 Gone enables it again (unless told not to).
            enabled: req.body.enabled ?? (disabledOf(row) ? true : row.enabled),
          },
          guard,
        ),
      );
      return view(saved);
    },
  });

  api.delete("/sites/:site/integrations/:integration", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "Delete an integration (its undelivered messages become dead letters)",
      params: IntegrationParams,
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const row = await integrationOf(req, deps);
      await store.config.deleteIntegration(row.id);
      return reply.code(204).send(null);
    },
  });

  registerDeliveryRoutes(api, deps);
}
