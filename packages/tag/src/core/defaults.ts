/** The one default configuration of the tag: the core's part and the lazy modules' part. */
import { CORE_DEFAULTS, type Config } from "./config.ts";
import { LAZY_DEFAULTS } from "./config-lazy.ts";

export const DEFAULTS: Config = { ...CORE_DEFAULTS, ...LAZY_DEFAULTS };
