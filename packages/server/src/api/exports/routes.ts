/**
 * Session-summary exports: `GET /api/sites/:site/export?format=csv|parquet&from&to` (editors):
 * the sessions that ended in the period's local days (the store's one selection rule,
 * store/src/exports.ts). The store writes the file into a private temporary folder; it is
 * streamed back as an attachment and deleted once sent (or when the client goes away).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type } from "@fastify/type-provider-typebox";
import { ExportAnswer, SiteParams } from "@intently/api-contract";
import { type ExportFormat, localDate } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { PeriodQuery, periodOf } from "../period.ts";
import type { Api, ApiDeps } from "../types.ts";

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

export function registerExportRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/sites/:site/export", {
    config: { access: "editor" },
    schema: {
      tags: ["exports"],
      summary: "Session summaries of the period as CSV or Parquet (default: the last 30 days)",
      params: SiteParams,
      querystring: Type.Object({
        format: Type.Enum(["csv", "parquet"], { default: "csv" }),
        ...PeriodQuery,
      }),
      response: { 200: ExportAnswer },
    },
    handler: async (req, reply) => {
      const site = siteOf(req).id;
      const format = req.query.format ?? "csv";
      const period = periodOf(req.query, siteOf(req), Date.now(), 30);
      const { from, to } = period;
      // The period's local dates, the end exclusive (as `to` is given).
      const dates = `${period.firstDate}-${localDate(period.timeZone, to)}`;
      const dir = await mkdtemp(join(tmpdir(), "intently-export-"));
      const path = join(dir, `sessions.${format}`);
      const cleanup = () => void rm(dir, { recursive: true, force: true });
      let rows: number;
      try {
        rows = await store.exports.write({ site, from, to, format, layout: "download", path });
      } catch (e) {
        cleanup();
        throw e;
      }
      const stream = createReadStream(path);
      stream.once("close", cleanup);
      return reply
        .header("content-type", CONTENT_TYPE[format])
        .header("content-disposition", `attachment; filename="${site}-sessions-${dates}.${format}"`)
        .header("x-intently-rows", String(rows))
        .header("cache-control", "no-store")
        .send(stream);
    },
  });
}
