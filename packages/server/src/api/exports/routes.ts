/**
 * Session-summary exports: `GET /api/sites/:site/export?format=csv|parquet&from&to` (editors).
 * DuckDB writes the file with `COPY … TO` into a private temporary folder; it is streamed back
 * as an attachment and deleted once sent (or when the client goes away).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type } from "@fastify/type-provider-typebox";
import { ExportAnswer, SiteParams } from "@intently/api-contract";
import type { Store } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { HttpError } from "../errors.ts";
import { PeriodQuery, periodOf } from "../period.ts";
import type { Api, ApiDeps } from "../types.ts";

type Format = "csv" | "parquet";

interface ExportingStore {
  exportSessions(
    site: string,
    from: number,
    to: number,
    format: Format,
    path: string,
  ): Promise<number>;
}
const canExport = (s: Store): s is Store & ExportingStore =>
  typeof (s as Partial<ExportingStore>).exportSessions === "function";

const CONTENT_TYPE: Record<Format, string> = {
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

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
      if (!canExport(store))
        throw new HttpError(501, { message: "this store backend cannot export" });
      const site = siteOf(req).id;
      const format = req.query.format ?? "csv";
      const { from, to } = periodOf(req.query, siteOf(req), Date.now(), 30);
      const dir = await mkdtemp(join(tmpdir(), "intently-export-"));
      const path = join(dir, `sessions.${format}`);
      const cleanup = () => void rm(dir, { recursive: true, force: true });
      let rows: number;
      try {
        rows = await store.exportSessions(site, from, to, format, path);
      } catch (e) {
        cleanup();
        throw e;
      }
      const stream = createReadStream(path);
      stream.once("close", cleanup);
      return reply
        .header("content-type", CONTENT_TYPE[format])
        .header(
          "content-disposition",
          `attachment; filename="${site}-sessions-${day(from)}-${day(to)}.${format}"`,
        )
        .header("x-intently-rows", String(rows))
        .header("cache-control", "no-store")
        .send(stream);
    },
  });
}
