/** The one default configuration of the tag: the core's part and the lazy modules' part. */
import type { Config } from "../types.ts";
import { CORE_DEFAULTS } from "./config.ts";
import { LAZY_DEFAULTS } from "./config-lazy.ts";

export const DEFAULTS: Config = { ...CORE_DEFAULTS, ...LAZY_DEFAULTS };
