/**
 * The storage contract (contract/index.ts), unchanged, against the scale-out store: ClickHouse
 * for rows and reports, PostgreSQL for configuration, login sessions and the outbox, each
 * `make()` on a fresh ClickHouse database and a fresh PostgreSQL schema (support/clickhouse.ts;
 * the services are started by `scripts/services` when they are not running).
 */
import { runStoreContract } from "./contract/index.ts";
import { openClickHouseStore } from "./support/clickhouse.ts";

runStoreContract("clickhouse + postgresql", () => openClickHouseStore());
