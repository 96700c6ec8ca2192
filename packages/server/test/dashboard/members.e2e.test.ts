/**
 * Settings → Users and roles in Debian Chromium against a real server: an admin invites by
 * email and gets a one-time link (never a password), the invited person opens it signed out,
 * chooses a password and lands in the app as a member; a pending invitation can be revoked.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launch, openTab, screenshot, signIn, type Tab } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";

let t: TestServer;
let browser: Browser;
let admin: Tab;

before(async () => {
  t = await startTestServer(200);
  browser = await launch();
  admin = await openTab(browser, t.url);
  await signIn(admin.page, t.url);
  await admin.page.goto(`${t.url}/app/sites/${SITE.id}/users`);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

const users = () => admin.page.getByRole("region", { name: "Users and roles" });

async function invite(email: string, role: string): Promise<string> {
  const card = users();
  await card.getByLabel("Email").fill(email);
  await card.getByLabel("Role", { exact: true }).selectOption(role);
  await card.getByRole("button", { name: "Invite user" }).click();
  const link = card.getByRole("region", { name: `Invitation link for ${email}` });
  await link.waitFor();
  return (await link.textContent())?.trim() ?? "";
}

test("an invitation link, not a password; accepting it signed out makes a member", async () => {
  const email = "new.analyst@shop.test";
  const link = await invite(email, "editor");
  assert.match(link, new RegExp(`^${t.url}/app/invitation#inv_[A-Za-z0-9_-]{43}$`));
  const card = users();
  assert.equal(await card.getByText(/password/i).count(), 0, "no password is shown");
  await card.getByRole("cell", { name: email, exact: true }).waitFor();
  await screenshot(admin.page, "12-settings-invitation");

  const guest = await openTab(browser, t.url);
  try {
    await guest.page.goto(link);
    await guest.page.getByRole("heading", { name: "Invitation" }).waitFor();
    await guest.page.getByText(`Join`).filter({ hasText: email }).waitFor();
    await guest.page.getByLabel("Password").fill("analyst-password-1");
    await guest.page.getByRole("button", { name: "Accept and sign in" }).click();
    await guest.page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    // Used once: the same link now says so.
    await guest.page.goto(link);
    await guest.page.getByRole("alert").filter({ hasText: "not valid" }).waitFor();
    assert.deepEqual(
      guest.errors.filter((e) => !/status of (401|404)/.test(e)),
      [],
    );
  } finally {
    await guest.context.close();
  }

  await admin.page.reload();
  await users()
    .getByRole("combobox", { name: `Role of ${email}` })
    .waitFor();
  assert.equal(
    await users()
      .getByRole("button", { name: `Revoke the invitation of ${email}` })
      .count(),
    0,
  );
});

test("a pending invitation is revoked from the list", async () => {
  const email = "maybe@shop.test";
  await invite(email, "viewer");
  const card = users();
  await card.getByRole("button", { name: `Revoke the invitation of ${email}` }).click();
  await card
    .getByRole("status")
    .filter({ hasText: `Revoked the invitation of ${email}.` })
    .waitFor();
  await card.getByRole("cell", { name: email, exact: true }).waitFor({ state: "detached" });
  // The first /api/me before signing in answers 401, which the browser logs.
  assert.deepEqual(
    admin.errors.filter((e) => !/status of 401/.test(e)),
    [],
  );
});
