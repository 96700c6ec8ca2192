/** The collector running beside the API (none on an API-only server), for erasure. */
import type { FastifyInstance } from "fastify";
import { type Collector, collectorOf } from "../../collector/index.ts";
import type { Api } from "../types.ts";

/** The API is an encapsulated child of the app the collector registered on: walk up to it. */
export function collectorOfApi(api: Api): Collector | undefined {
  for (let o: object | null = api; o; o = Object.getPrototypeOf(o)) {
    const c = collectorOf(o as FastifyInstance);
    if (c) return c;
  }
  return undefined;
}
