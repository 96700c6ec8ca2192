export * from "./html.ts";
export * from "./routes.ts";
