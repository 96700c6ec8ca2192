/** The plugins a full server runs, in registration order. */
import type { Plugin } from "./app.ts";
import { collectorPlugin } from "./collector/index.ts";

export const DEFAULT_PLUGINS: Plugin[] = [collectorPlugin];
