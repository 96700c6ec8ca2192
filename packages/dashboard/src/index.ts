/**
 * @intently/dashboard — the web dashboard (docs/product/dashboard.md#dashboard): a React app,
 * bundled by esbuild when the server starts (cached by content hash), served at `/` by
 * `dashboardPlugin`.
 *
 *   startServer(config, [...DEFAULT_PLUGINS, dashboardPlugin])
 */
export { buildDashboard, type DashboardBuild } from "./server/build.ts";
export { cacheRoot } from "./server/cache-dir.ts";
export { catalogueJson } from "./server/catalogue.ts";
export {
  createDashboardPlugin,
  type DashboardContext,
  type DashboardOptions,
  dashboardPlugin,
} from "./server/plugin.ts";
