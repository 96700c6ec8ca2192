/**
 * What every part of the server is given: the configuration, the store, the engine host and
 * the tag's version (AppContext), and the shape of a plugin. A leaf, so that app.ts can import
 * the parts that import these types without an import circle.
 */
import type { Store } from "@intently/store";
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "./config.ts";
import type { EngineHost } from "./engine-host.ts";

export interface AppContext {
  config: ServerConfig;
  store: Store;
  host: EngineHost;
  /** The tag build's content hash (for snippets and cache-busting). */
  tagVersion: string;
}

/** Collects plugins so each concern registers itself without app.ts knowing its details. */
export type Plugin = (app: FastifyInstance, ctx: AppContext) => Promise<void> | void;
