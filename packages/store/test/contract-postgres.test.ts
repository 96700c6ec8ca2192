/**
 * The storage contract's configuration, login-session and outbox suites (contract/), unchanged,
 * against PostgreSQL (src/postgres/, the services of `scripts/services`). Each `make()` opens
 * the three ports on a fresh schema.
 */
import { describe } from "node:test";
import type { Store } from "../src/index.ts";
import { configContract } from "./contract/config.ts";
import { loginSessionsContract } from "./contract/login-sessions.ts";
import { outboxContract } from "./contract/outbox.ts";
import type { MakeStore } from "./contract/support.ts";
import { openFresh } from "./support/postgres.ts";

/**
 * Only the three PostgreSQL ports and `close`, cast to `Store`: these suites touch nothing else.
 * When the ClickHouse + PostgreSQL store lands, this becomes that full store and the test runs
 * `runStoreContract` whole.
 */
const make: MakeStore = async () => {
  const { config, loginSessions, outbox, close } = await openFresh();
  return { config, loginSessions, outbox, close } as unknown as Store;
};

describe("Store contract: postgres (configuration, login sessions, outbox)", () => {
  configContract(make);
  loginSessionsContract(make);
  outboxContract(make);
});
