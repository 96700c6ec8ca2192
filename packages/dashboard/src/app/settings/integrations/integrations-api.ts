/** The integrations routes of the REST API (see packages/server/src/api/integrations/). */
import { api, seg, sitePath } from "../../api/client.ts";
import type { Integration, IntegrationTestAnswer } from "../../api/types.ts";

export const integrationsPath = (site: string, rest = ""): string =>
  sitePath(site, `/integrations${rest}`);

const one = (site: string, id: string, rest = "") => integrationsPath(site, `/${seg(id)}${rest}`);

export const createIntegration = (
  site: string,
  body: { name: string; kind: string; enabled: boolean; config: Record<string, unknown> },
) => api<Integration>(integrationsPath(site), { method: "POST", body });

export const updateIntegration = (
  site: string,
  id: string,
  body: { name?: string; enabled?: boolean; config?: Record<string, unknown> },
) => api<Integration>(one(site, id), { method: "PATCH", body });

export const deleteIntegration = (site: string, id: string) =>
  api<void>(one(site, id), { method: "DELETE" });

export const testIntegration = (site: string, id: string) =>
  api<IntegrationTestAnswer>(one(site, id, "/test"), { method: "POST" });

export const replayDeadLetters = (site: string, keys?: string[]) =>
  api<{ replayed: number }>(integrationsPath(site, "/dead-letters/replay"), {
    method: "POST",
    body: keys ? { keys } : {},
  });
