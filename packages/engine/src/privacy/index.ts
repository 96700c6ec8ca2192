export * from "./batch.ts";
export * from "./ga-cookies.ts";
export * from "./rules.ts";
export * from "./scrub.ts";
