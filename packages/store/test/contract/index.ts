/**
 * The storage contract (issue 14): what every `Store` backend must do, in one suite run
 * unchanged against each (DuckDB now; ClickHouse + PostgreSQL later), as Hono runs one
 * `common.case.test.ts` against every router. A backend's test file calls
 * `runStoreContract("name", () => openAnEmptyStore())`. Split by concern, each file small.
 */
import { describe } from "node:test";
import { configContract } from "./config.ts";
import { exportsContract } from "./exports.ts";
import { loginSessionsContract } from "./login-sessions.ts";
import { ordersContract } from "./orders.ts";
import { outboxContract } from "./outbox.ts";
import { privacyContract } from "./privacy.ts";
import { reportsContract } from "./reports.ts";
import { rowsContract } from "./rows.ts";
import type { MakeStore } from "./support.ts";

export type { MakeStore } from "./support.ts";

export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    rowsContract(makeStore);
    reportsContract(makeStore);
    exportsContract(makeStore);
    privacyContract(makeStore);
    ordersContract(makeStore);
    configContract(makeStore);
    loginSessionsContract(makeStore);
    outboxContract(makeStore);
  });
}
