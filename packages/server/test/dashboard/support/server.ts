/**
 * A real server for the browser tests: every default plugin plus the dashboard, on a temporary
 * data folder holding a demo site with 1,500 simulated sessions of the last 14 days and the demo
 * custom segments, and an admin account from INTENTLY_ADMIN_EMAIL / INTENTLY_ADMIN_PASSWORD.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dashboardPlugin } from "@intently/dashboard";
import { writeDemoFolder } from "@intently/demo-data";
import {
  DEFAULT_PLUGINS,
  type RunningServer,
  type ServerConfig,
  startServer,
} from "@intently/server";

export const ADMIN = { email: "admin@shop.test", password: "dashboard-test-password" };
export const SITE = { id: "demo", workspaceId: "demo", name: "Demo shop", publicKey: "pk_demo" };

export interface TestServer {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(
  sessions = 1500,
  config: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "intently-dashboard-"));
  await writeDemoFolder(dir, {
    site: { ...SITE, allowedOrigins: ["loopback"] },
    workspaceName: "Demo",
    author: "test",
    history: { sessions, seed: 7, days: 14 },
  });
  // The API plugin reads the first admin from the environment when it registers.
  process.env.INTENTLY_ADMIN_EMAIL = ADMIN.email;
  process.env.INTENTLY_ADMIN_PASSWORD = ADMIN.password;
  const plugins = DEFAULT_PLUGINS.includes(dashboardPlugin)
    ? DEFAULT_PLUGINS
    : [...DEFAULT_PLUGINS, dashboardPlugin];
  const server = await startServer(
    { dataDir: dir, port: 0, advanceEveryMs: 500, ...config },
    plugins,
  );
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
