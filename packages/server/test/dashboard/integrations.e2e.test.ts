/**
 * The Integrations page (out of Settings since issue 20, item 13) in Debian Chromium against a
 * real server (private destinations allowed explicitly: the receiver is a node:http server on
 * 127.0.0.1). An admin adds a signed
 * webhook, sends a test that the receiver gets as documented (verified with the Standard
 * Webhooks library, idempotency key, envelope), sees a failing and an unreachable endpoint
 * reported, replays a dead letter, sees the endpoint stopped after it answered 410 Gone and
 * enables it again; a viewer sees it without any edit control, an editor with them (the API's
 * roles).
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { verifierOf } from "../../../integrations/test/support/webhook-receiver.ts";
import { eventually, launch, openTab, screenshot, signIn, type Tab } from "./support/browser.ts";
import { ADMIN, SITE, startTestServer, type TestServer } from "./support/server.ts";

/** A Standard Webhooks secret: whsec_ + base64 of 32 bytes. */
const SECRET = `whsec_${Buffer.alloc(32, "dashboard-e2e").toString("base64")}`;
const NAME = "CRM webhook";
const VIEWER = { email: "viewer@shop.test", password: "viewer-test-password" };
const EDITOR = { email: "editor@shop.test", password: "editor-test-password" };

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const receiver = {
  mode: "ok" as "ok" | "fail" | "gone",
  got: [] as Received[],
  url: "",
  closed: "",
};
const hookServer = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    receiver.got.push({
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body,
    });
    if (receiver.mode === "fail") res.writeHead(500).end("receiver exploded");
    else if (receiver.mode === "gone") res.writeHead(410).end("unsubscribed");
    else res.writeHead(200).end("stored");
  });
});

let t: TestServer;
let browser: Browser;
let tab: Tab;

before(async () => {
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  const port = (hookServer.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/hooks/intently`;
  // A port nothing listens on: connections are refused.
  const spare = createServer();
  await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
  receiver.closed = `http://127.0.0.1:${(spare.address() as AddressInfo).port}/hooks`;
  await new Promise((r) => spare.close(r));

  t = await startTestServer(150, { allowPrivateDestinations: true });
  browser = await launch();
  tab = await openTab(browser, t.url);
  await signIn(tab.page, t.url);
});

after(async () => {
  await browser?.close();
  await t?.close();
  hookServer.closeAllConnections();
  hookServer.close();
});

const section = (page: Page) => page.getByRole("region", { name: "Integrations" });
const apiJson = (page: Page, path: string, init?: RequestInit) =>
  page.evaluate(async ([p, i]) => (await fetch(p as string, i as RequestInit)).json(), [
    path,
    init ?? {},
  ] as const) as Promise<unknown>;
const integrations = (page: Page) =>
  apiJson(page, `/api/sites/${SITE.id}/integrations`) as Promise<
    {
      id: string;
      name: string;
      enabled: boolean;
      disabled: boolean;
      disabledReason: string | null;
      config: Record<string, unknown>;
    }[]
  >;

test("an admin adds a signed webhook; the form checks fields first", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/integrations`);
  const card = section(page);
  await card.getByText("No integrations yet.").waitFor();
  await card.getByRole("button", { name: "Add integration" }).click();
  const form = page.getByRole("form", { name: "Add an integration" });
  await form.waitFor();
  const kinds = await form.getByLabel("Kind").locator("option").allTextContents();
  assert.deepEqual(kinds, ["Signed webhook", "Klaviyo", "Google Analytics 4", "Scheduled export"]);

  // Nothing filled in: the problems are announced and focus goes to the first one.
  await form.getByRole("button", { name: "Add integration" }).click();
  const alert = form.getByRole("alert");
  await alert.getByText("Name is required.").waitFor();
  await alert.getByText("Receiver URL is required.").waitFor();
  assert.equal(await form.getByLabel("Name").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "name");

  await form.getByLabel("Name").fill(NAME);
  await form.getByLabel("Receiver URL").fill("ftp://crm.example/hook");
  await form.getByLabel("Signing secret").fill("too short");
  await form.getByRole("button", { name: "Add integration" }).click();
  await alert.getByText("Receiver URL must be an http:// or https:// URL.").waitFor();
  await alert.getByText(/^Signing secret must be whsec_ followed by the base64/).waitFor();
  await form.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await screenshot(page, "11-settings-integration-form");

  await form.getByLabel("Receiver URL").fill(receiver.url);
  const secret = form.getByLabel("Signing secret");
  assert.equal(await secret.getAttribute("type"), "password");
  await secret.fill(SECRET);
  await form.getByRole("button", { name: "Add integration" }).click();
  await card.getByRole("status").getByText(`“${NAME}” was added.`).waitFor();
  await card.getByRole("rowheader", { name: NAME, exact: true }).waitFor();

  const [saved] = await integrations(page);
  assert.equal(saved?.config.secret, "[redacted]");
  assert.equal(saved?.config.url, receiver.url);
  assert.ok(!(await page.content()).includes(SECRET), "the secret is never shown");
});

test("send test: success shown, and the receiver got the documented signed request", async () => {
  const { page } = tab;
  const card = section(page);
  await card.getByRole("button", { name: `Send test to ${NAME}` }).click();
  await card.getByTestId("test-result").getByText(`Test sent to “${NAME}”: delivered`).waitFor();
  assert.equal(receiver.got.length, 1);
  const [r] = receiver.got;
  assert.equal(r!.method, "POST");
  assert.equal(r!.path, "/hooks/intently");
  assert.equal(r!.headers["content-type"], "application/json");
  // Verified as a customer would, with the standardwebhooks library.
  const body = verifierOf(SECRET).verify(r!.body, r!.headers as Record<string, string>) as {
    type: string;
    idempotencyKey: string;
    summary: { site: string };
  };
  assert.equal(body.type, "session.summary");
  assert.equal(body.summary.site, SITE.id);
  assert.match(String(r!.headers["webhook-id"]), /^msg_/);
  const [saved] = await integrations(page);
  assert.match(body.idempotencyKey, new RegExp(`^${SITE.id}:.+:${saved!.id}$`));

  await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await screenshot(page, "10-settings-integrations");
});

test("a failing endpoint and an unreachable one are reported as errors", async () => {
  const { page } = tab;
  const card = section(page);
  receiver.mode = "fail";
  await card.getByRole("button", { name: `Send test to ${NAME}` }).click();
  const alert = card.getByTestId("test-result");
  await alert.getByText("HTTP 500; a real delivery would be tried again later").waitFor();
  assert.equal(await alert.getAttribute("role"), "alert");
  receiver.mode = "ok";

  // Moving the destination needs the secret again (the API's rule, checked here first).
  await card.getByRole("button", { name: `Edit ${NAME}` }).click();
  const form = page.getByRole("form", { name: `Edit “${NAME}”` });
  assert.equal(await form.getByLabel("Signing secret").inputValue(), "", "never filled in");
  await form.getByLabel("Receiver URL").fill(receiver.closed);
  await form.getByRole("button", { name: "Save changes" }).click();
  await form
    .getByRole("alert")
    .getByText("Signing secret is needed again when the URL changes.")
    .waitFor();
  await form.getByLabel("Signing secret").fill(SECRET);
  await form.getByRole("button", { name: "Save changes" }).click();
  await card.getByRole("status").getByText(`“${NAME}” was saved.`).waitFor();
  await card.getByRole("button", { name: `Send test to ${NAME}` }).click();
  await card
    .getByTestId("test-result")
    .getByText(/no answer/)
    .waitFor();

  // Back to the receiver.
  await card.getByRole("button", { name: `Edit ${NAME}` }).click();
  await form.getByLabel("Receiver URL").fill(receiver.url);
  await form.getByLabel("Signing secret").fill(SECRET);
  await form.getByRole("button", { name: "Save changes" }).click();
  await card.getByRole("status").getByText(`“${NAME}” was saved.`).waitFor();
});

test("a dead letter is listed and replayed to the receiver", async () => {
  const { page } = tab;
  const card = section(page);
  const [saved] = await integrations(page);
  const key = `${SITE.id}:s-dead-1:${saved!.id}`;
  const outbox = t.server.ctx.store.outbox;
  await outbox.enqueue(
    [{ key, site: SITE.id, destination: saved!.id, payload: JSON.stringify({ session: "s" }) }],
    Date.now(),
  );
  await outbox.settle(key, { kind: "dead", at: Date.now(), status: 422, error: "HTTP 422: nope" });
  await card.getByRole("button", { name: "Refresh" }).click();
  const dead = card.getByTestId("dead-letters");
  await dead.getByText("HTTP 422: nope").waitFor();
  await dead.getByRole("button", { name: "Replay session s-dead-1" }).click();
  await card.getByRole("status").getByText("1 dead letter sent again.").waitFor();
  await eventually(
    async () => receiver.got.some((r) => r.body.includes(`"idempotencyKey":"${key}"`)),
    (v) => v,
    "the replayed message at the receiver",
  );
  await card.getByRole("button", { name: "Refresh" }).click();
  await card.getByText("No dead letters.").waitFor();
});

test("an endpoint that answers 410 Gone is shown stopped; enabled again, its dead letter replays", async () => {
  const { page } = tab;
  const card = section(page);
  const [saved] = await integrations(page);
  receiver.mode = "gone";
  const key = `${SITE.id}:s-gone-1:${saved!.id}`;
  const payload = JSON.stringify({ session: "s-gone-1", site: SITE.id, endedAt: Date.now() });
  await t.server.ctx.store.outbox.enqueue(
    [{ key, site: SITE.id, destination: saved!.id, payload }],
    Date.now(),
  );
  await eventually(
    async () => (await integrations(page))[0],
    (i) => i?.disabled === true,
    "the integration disabled by the 410",
  );
  const [gone] = await integrations(page);
  assert.equal(gone!.enabled, false);
  assert.match(gone!.disabledReason ?? "", /410 Gone/);
  await page.reload();
  const row = card.getByTestId(`integration-${saved!.id}`);
  await row.getByText("stopped by the receiver").waitFor();
  await row
    .getByTestId(`disabled-reason-${saved!.id}`)
    .getByText(/answered 410 Gone/)
    .waitFor();
  await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await screenshot(page, "10b-settings-integration-gone");

  receiver.mode = "ok";
  await card.getByRole("button", { name: `Enable ${NAME}` }).click();
  await row.getByText("enabled", { exact: true }).waitFor();
  const [back] = await integrations(page);
  assert.deepEqual([back!.enabled, back!.disabled], [true, false]);
  // The message the 410 dead-lettered is replayed to the receiver, now willing again.
  await card.getByRole("button", { name: "Refresh" }).click();
  await card
    .getByTestId("dead-letters")
    .getByRole("button", { name: "Replay session s-gone-1" })
    .click();
  const sent = (k: string) =>
    receiver.got.filter((r) => r.body.includes(`"idempotencyKey":"${k}"`));
  await eventually(
    async () => sent(key).length,
    (n) => n === 2,
    "the replayed message",
  );
});

test("a viewer sees the integrations without any edit control", async () => {
  await addMember(VIEWER, "viewer");
  const viewer = await openTab(browser, t.url);
  try {
    await memberSignIn(viewer.page, VIEWER);
    await viewer.page.goto(`${t.url}/app/sites/${SITE.id}/integrations`);
    const card = section(viewer.page);
    await card.getByRole("rowheader", { name: NAME, exact: true }).waitFor();
    await card.getByText("Only editors and admins can change integrations.").waitFor();
    for (const name of ["Add integration", "Send test", "Edit", "Delete", "Disable", "Replay"])
      assert.equal(await card.getByRole("button", { name }).count(), 0, name);
    assert.equal(await card.getByRole("form").count(), 0);
    assert.deepEqual(
      viewer.errors.filter((e) => !/status of 401/.test(e)),
      [],
    );
  } finally {
    await viewer.context.close();
  }
});

test("an editor manages integrations, as the API allows", async () => {
  await addMember(EDITOR, "editor");
  const editor = await openTab(browser, t.url);
  try {
    await memberSignIn(editor.page, EDITOR);
    await editor.page.goto(`${t.url}/app/sites/${SITE.id}/integrations`);
    const card = section(editor.page);
    await card.getByRole("rowheader", { name: NAME, exact: true }).waitFor();
    await card.getByRole("button", { name: "Add integration" }).waitFor();
    assert.equal(
      await card.getByText("Only editors and admins can change integrations.").count(),
      0,
    );
  } finally {
    await editor.context.close();
  }
});

/** A member of the demo workspace: invited with the admin's session, then accepting. */
async function addMember(user: { email: string; password: string }, role: string): Promise<void> {
  const login = await fetch(`${t.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const r = await fetch(`${t.url}/api/workspaces/${SITE.workspaceId}/members`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ email: user.email, role }),
  });
  assert.equal(r.status, 201);
  // The invited person joins by accepting (a new account chooses its password).
  const { token } = (await r.json()) as { token: string };
  const accepted = await fetch(`${t.url}/api/invitations/accept`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password: user.password }),
  });
  assert.equal(accepted.status, 200, await accepted.text());
}

async function memberSignIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${t.url}/`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

test("disable, then delete with confirmation", async () => {
  const { page } = tab;
  const card = section(page);
  await card.getByRole("button", { name: `Disable ${NAME}` }).click();
  await card.getByRole("status").getByText(`“${NAME}” is disabled.`).waitFor();
  await card.getByRole("button", { name: `Enable ${NAME}` }).waitFor();
  assert.equal((await integrations(page))[0]?.enabled, false);

  await card.getByRole("button", { name: `Delete ${NAME}` }).click();
  const confirm = card.getByRole("group", { name: `Delete “${NAME}”?`, exact: false });
  // Focus starts on Cancel; Escape cancels.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Cancel");
  await page.keyboard.press("Escape");
  await card.getByRole("button", { name: `Delete ${NAME}` }).click();
  await confirm.getByRole("button", { name: "Yes, delete" }).click();
  await card.getByRole("status").getByText(`“${NAME}” was deleted.`).waitFor();
  await card.getByText("No integrations yet.").waitFor();
  assert.deepEqual(await integrations(page), []);
});

test("no page error was raised", () => {
  assert.deepEqual(
    tab.errors.filter((e) => !/status of 401/.test(e)),
    [],
  );
});
