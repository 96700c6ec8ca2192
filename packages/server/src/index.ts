export * from "./app.ts";
export * from "./collector/index.ts";
export * from "./config.ts";
export * from "./engine-host.ts";
export * from "./plugins.ts";
export * from "./server.ts";
export * from "./tag-route.ts";
