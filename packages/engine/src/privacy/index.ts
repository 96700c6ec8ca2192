export * from "./batch.ts";
export * from "./rules.ts";
export * from "./scrub.ts";
