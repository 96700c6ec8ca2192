/**
 * The production entry (`npm run build` bundles it into dist/intently.js): the CLI, serving the
 * dashboard and the tag prebuilt next to it (dist/dashboard, dist/tag), so neither tsx nor
 * esbuild is loaded at run time. The process that runs this file is the server: SIGTERM reaches
 * it directly (no npx or tsx wrapper), which is what a container's PID 1 or systemd needs.
 */
import { fileURLToPath } from "node:url";
import { main } from "../packages/cli/src/main.ts";
import { usePrebuiltDashboard } from "../packages/dashboard/src/server/build.ts";
import { usePrebuiltTag } from "../packages/server/src/tag-route.ts";

usePrebuiltDashboard(fileURLToPath(new URL("./dashboard/", import.meta.url)));
usePrebuiltTag(fileURLToPath(new URL("./tag/", import.meta.url)));
process.exitCode = await main(process.argv.slice(2));
