/**
 * The dashboard as a server plugin: the React app at `/` and under `/app/…` (client-side routes,
 * every one answered with the same index.html) and its hashed assets under `/assets/`; the app
 * talks to the REST API only. The bundle is built (or read from the cache) when the plugin is
 * registered, without holding up the server's start; the first page request waits for it.
 */
import type { Store } from "@intently/store";
import type { FastifyInstance, FastifyReply } from "fastify";
import { type DashboardBuild, dashboardBuild, prebuiltDashboardDir } from "./build.ts";

export interface DashboardContext {
  store: Store;
}

export interface DashboardOptions {
  /** Build cache folder (default: node_modules/.cache/intently-dashboard or the OS temp folder). */
  cacheDir?: string;
  /**
   * A prebuilt folder (`npm run build` writes dist/dashboard) served as is: nothing is built.
   * Default: the one named by `usePrebuiltDashboard` (the production entry), else none.
   */
  prebuiltDir?: string;
}

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#3b3bc4"/><path d="M9 22V10h3v12zm6 0V14h3v8zm6 0v-5h3v5z" fill="#fff"/></svg>`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function indexHtml(b: DashboardBuild): string {
  const css = b.style ? `<link rel="stylesheet" href="/assets/${b.style}">` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intently</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${css}
<script type="module" src="/assets/${b.script}"></script>
</head>
<body><div id="root"></div><noscript>The Intently dashboard needs JavaScript.</noscript></body>
</html>
`;
}

export function createDashboardPlugin(options: DashboardOptions = {}) {
  return (app: FastifyInstance, _ctx: DashboardContext): void => {
    const build = dashboardBuild(options.cacheDir, options.prebuiltDir ?? prebuiltDashboardDir());
    build.catch((e: Error) => process.stderr.write(`dashboard: build failed: ${e.message}\n`));

    async function page(reply: FastifyReply) {
      let b: DashboardBuild;
      try {
        b = await build;
      } catch {
        // The reason (logged above) names server paths: it is not for the visitor.
        return reply
          .code(500)
          .type("text/plain; charset=utf-8")
          .send("The dashboard could not be built; the server's log says why.");
      }
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .header("content-security-policy", CSP)
        .header("x-content-type-options", "nosniff")
        .header("x-frame-options", "DENY")
        .header("referrer-policy", "same-origin")
        .send(indexHtml(b));
    }

    app.get("/", (_req, reply) => page(reply));
    app.get("/app", (_req, reply) => page(reply));
    app.get("/app/*", (_req, reply) => page(reply));
    app.get("/assets/favicon.svg", (_req, reply) =>
      reply.type("image/svg+xml").header("cache-control", "public, max-age=86400").send(FAVICON),
    );
    app.get("/assets/:file", async (req, reply) => {
      const b = await build.catch(() => null);
      const asset = b?.assets.get((req.params as { file: string }).file);
      if (!asset) return reply.code(404).send({ error: "Not Found", message: "no such asset" });
      const accept = String(req.headers["accept-encoding"] ?? "");
      const encoded =
        /\bbr\b/.test(accept) && asset.br
          ? "br"
          : /\bgzip\b/.test(accept) && asset.gzip
            ? "gzip"
            : null;
      if (encoded) reply.header("content-encoding", encoded);
      return reply
        .type(asset.type)
        .header("vary", "accept-encoding")
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .send(encoded === "br" ? asset.br : encoded === "gzip" ? asset.gzip : asset.body);
    });
  };
}

/** The plugin with default options: `startServer(config, [...DEFAULT_PLUGINS, dashboardPlugin])`. */
export const dashboardPlugin = createDashboardPlugin();
