/** The storage contract (contract/index.ts) against the embedded DuckDB store, in memory. */
import { DuckDbStore } from "../src/index.ts";
import { runStoreContract } from "./contract/index.ts";

runStoreContract("duckdb", () => DuckDbStore.open(null));
