export * from "./classification.ts";
export * from "./probabilistic.ts";
export * from "./ranking.ts";
export * from "./reliability.ts";
