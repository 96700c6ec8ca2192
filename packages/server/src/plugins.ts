/** The plugins a full server runs, in registration order. */

import { apiPlugin } from "./api/index.ts";
import type { Plugin } from "./app.ts";
import { collectorPlugin } from "./collector/index.ts";
import { modelsPlugin } from "./models/plugin.ts";

export const DEFAULT_PLUGINS: Plugin[] = [collectorPlugin, apiPlugin];
