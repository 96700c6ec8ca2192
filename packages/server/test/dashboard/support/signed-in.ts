/**
 * The browser tests' common start: a real server with `sessions` of demo history (server.ts),
 * Debian Chromium and one tab signed in as the admin (browser.ts) — made in the test file's
 * `before`, closed in its `after`. Call it once at the top of a test file; the fields are set
 * once `before` has run.
 */
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launch, openTab, signIn, type Tab } from "./browser.ts";
import { startTestServer, type TestServer } from "./server.ts";

export interface SignedIn {
  server: TestServer;
  /** The server's address (`server.url`). */
  url: string;
  browser: Browser;
  /** Signed in, on the overview; its errors start empty. */
  tab: Tab;
}

export function signedInDashboard(sessions: number): SignedIn {
  const d = {} as SignedIn;
  before(async () => {
    d.server = await startTestServer(sessions);
    d.url = d.server.url;
    d.browser = await launch();
    d.tab = await openTab(d.browser, d.url);
    await signIn(d.tab.page, d.url);
    d.tab.errors.length = 0; // the signed-out first load's 401 (/api/me), before signing in
  });
  after(async () => {
    await d.browser?.close();
    await d.server?.close();
  });
  return d;
}
