/**
 * Delivery of a site's integrations:
 *   POST /api/sites/:site/integrations/:integration/test     a sample summary through the real
 *                                                           connector → the receiver's answer (editor)
 *   GET  /api/sites/:site/integrations/metrics               per destination: pending, delivered,
 *                                                           retried, failed, lag (viewer)
 *   GET  /api/sites/:site/integrations/dead-letters          ?destination&limit (viewer)
 *   POST /api/sites/:site/integrations/dead-letters/replay   {destination?, keys?}: back to the
 *                                                           outbox, sent at once (editor)
 * "metrics" and "dead-letters" are therefore not usable as integration ids (ids are `int_…`).
 */

import { Type } from "@fastify/type-provider-typebox";
import {
  DeadLetterQuery,
  DeadLetterView,
  IntegrationParams,
  MetricsView,
  ReplayBody,
  SiteParams,
  TestAnswerView,
} from "@intently/api-contract";
import {
  connectorOf,
  openIntegration,
  testDestination,
  urlCredentials,
} from "@intently/integrations";
import type { OutboxMessage } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import type { Api, ApiDeps } from "../types.ts";
import { boxOf, integrationOf, mapped, serviceOf, view } from "./service.ts";

const tags = ["integrations"];
const MAX_BODY = 4000;

/** The receiver's answer, capped, with the integration's secrets (and URL credentials) blanked out. */
function scrub(body: string, secrets: unknown[]): string {
  let out = body.slice(0, MAX_BODY);
  for (const s of secrets)
    if (typeof s === "string" && s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}

const deadView = (m: OutboxMessage) => ({
  key: m.key,
  destination: m.destination,
  attempts: m.attempts,
  retries: m.retries,
  lastStatus: m.lastStatus,
  lastError: m.lastError,
  createdAt: m.createdAt,
  settledAt: m.settledAt,
});

export function registerDeliveryRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.post("/sites/:site/integrations/:integration/test", {
    config: { access: "editor" },
    schema: {
      tags,
      summary:
        "Send a sample summary through the real connector; answers the receiver's status and body",
      params: IntegrationParams,
      response: { 200: TestAnswerView },
    },
    handler: async (req, reply) => {
      const row = await integrationOf(req, deps);
      const box = boxOf(api, deps);
      const answer = await mapped(async () => {
        openIntegration(box, row); // secrets that cannot be opened: 409 before any send
        return testDestination(store, box, row.site, row.id, {
          allowPrivateDestinations: deps.ctx.config.allowPrivateDestinations,
        });
      });
      const open = openIntegration(box, row).config;
      const secrets = [
        ...(connectorOf(row.kind)?.secretFields ?? []).map((f) => open[f]),
        ...["url", "baseUrl"].flatMap((f) =>
          typeof open[f] === "string" ? urlCredentials(open[f]) : [],
        ),
      ];
      reply.header("cache-control", "no-store");
      return {
        status: answer.status,
        body: scrub(answer.body, secrets),
        verdict: answer.verdict,
        integration: view(row),
      };
    },
  });

  api.get("/sites/:site/integrations/metrics", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary:
        "Delivery metrics per destination: pending, delivered, retried, failed (dead) and lag",
      params: SiteParams,
      response: { 200: Type.Array(MetricsView) },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const service = serviceOf(api);
      const rows = service
        ? await service.metrics(site)
        : await store.outbox.metrics(Date.now(), site);
      const integrations = await store.config.listIntegrations(site);
      const byId = new Map(rows.map((m) => [m.destination, m]));
      const ids = [...new Set([...integrations.map((i) => i.id), ...byId.keys()])];
      return ids.map((id) => {
        const m = byId.get(id);
        const i = integrations.find((x) => x.id === id);
        return {
          destination: id,
          name: i?.name ?? null,
          kind: i?.kind ?? null,
          pending: m?.pending ?? 0,
          delivered: m?.delivered ?? 0,
          retried: m?.retried ?? 0,
          failed: m?.dead ?? 0,
          lagMs: m?.lagMs ?? 0,
        };
      });
    },
  });

  api.get("/sites/:site/integrations/dead-letters", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Dead letters: messages that failed for good, oldest first",
      params: SiteParams,
      querystring: DeadLetterQuery,
      response: { 200: Type.Array(DeadLetterView) },
    },
    handler: async (req) => {
      const { destination, limit } = req.query;
      const dead = await store.outbox.list({
        site: siteOf(req).id,
        status: "dead",
        limit: limit ?? 100,
        ...(destination ? { destination } : {}),
      });
      return dead.map(deadView);
    },
  });

  api.post("/sites/:site/integrations/dead-letters/replay", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "Replay dead letters (all of the site's, one destination's, or by key)",
      params: SiteParams,
      body: ReplayBody,
      response: { 200: Type.Object({ replayed: Type.Integer() }) },
    },
    // A POST without a body replays every dead letter of the site.
    preValidation: async (req) => {
      req.body ??= {};
    },
    handler: async (req) => {
      const { destination, keys } = req.body;
      const filter = {
        site: siteOf(req).id,
        ...(destination ? { destination } : {}),
        ...(keys ? { keys } : {}),
      };
      const service = serviceOf(api);
      const replayed = service
        ? await service.replay(filter)
        : await store.outbox.replay(filter, Date.now());
      return { replayed };
    },
  });
}
