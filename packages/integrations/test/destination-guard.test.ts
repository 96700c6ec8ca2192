/**
 * The SSRF guard: address classes (IPv4, IPv6, IPv4 carried in IPv6), URL host forms the WHATWG
 * parser normalises (decimal, hex, octal, short), DNS names resolving to private addresses, the
 * environment switch, and refusals when saving, test-sending and connecting.
 * (This file does not import support/helpers.ts, which allows private destinations.)
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { post } from "../src/connectors/http.ts";
import {
  blockedAddress,
  destinationRefusal,
  guardedLookup,
  literalRefusal,
  privateDestinationsAllowed,
} from "../src/destination-guard.ts";
import {
  ALLOW_PRIVATE_ENV,
  ConfigError,
  SecretBox,
  saveIntegration,
  testDestination,
} from "../src/index.ts";

delete process.env[ALLOW_PRIVATE_ENV];

describe("address classes", () => {
  test("IPv4", () => {
    const cases: [string, string | null][] = [
      ["127.0.0.1", "loopback"],
      ["127.255.255.254", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.31.255.255", "private"],
      ["172.32.0.1", null],
      ["192.168.1.1", "private"],
      ["169.254.169.254", "link-local"],
      ["0.0.0.0", "unspecified"],
      ["100.64.0.1", "shared (carrier-grade NAT)"],
      ["224.0.0.1", "multicast"],
      ["255.255.255.255", "reserved"],
      ["8.8.8.8", null],
      ["93.184.216.34", null],
      ["11.0.0.1", null],
    ];
    for (const [ip, kind] of cases) assert.equal(blockedAddress(ip), kind, ip);
  });

  test("IPv6", () => {
    const cases: [string, string | null][] = [
      ["::1", "loopback"],
      ["0:0:0:0:0:0:0:1", "loopback"],
      ["::", "unspecified"],
      ["fe80::1", "link-local"],
      ["febf:ffff::1", "link-local"],
      ["fe80::1%eth0", "link-local"],
      ["fec0::1", "private"],
      ["fc00::1", "private"],
      ["fd12:3456:789a::1", "private"],
      ["ff02::1", "multicast"],
      ["[::1]", "loopback"],
      ["2606:4700:4700::1111", null],
      ["2001:db8::1", null],
    ];
    for (const [ip, kind] of cases) assert.equal(blockedAddress(ip), kind, ip);
  });

  test("IPv4 carried in IPv6: mapped, compatible, NAT64, 6to4", () => {
    const cases: [string, string | null][] = [
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["0:0:0:0:0:ffff:a9fe:a9fe", "link-local"],
      ["::ffff:10.0.0.1", "private"],
      ["::ffff:192.168.0.1", "private"],
      ["::ffff:8.8.8.8", null],
      ["::127.0.0.1", "loopback"],
      ["64:ff9b::a00:1", "private"],
      ["64:ff9b::8.8.8.8", null],
      ["2002:c0a8:101::1", "private"],
      ["2002:808:808::1", null],
    ];
    for (const [ip, kind] of cases) assert.equal(blockedAddress(ip), kind, ip);
  });
});

describe("URLs", () => {
  test("host forms are normalised before the check: decimal, hex, octal, short, IPv6", () => {
    for (const url of [
      "http://2130706433/",
      "http://0x7f000001/",
      "http://0x7f.0.0.1/",
      "http://017700000001/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:7f00:1]:8080/",
      "http://[::1]:8080/hook",
      "https://[fe80::1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://3232235777/", // 192.168.1.1
      "http://localhost:3000/",
      "http://api.localhost/",
      "http://LOCALHOST./",
    ]) {
      const why = literalRefusal(new URL(url), false);
      assert.match(why ?? "", /^points to a .* address/, url);
    }
    assert.equal(literalRefusal(new URL("http://8.8.8.8/"), false), null);
    assert.equal(literalRefusal(new URL("https://hooks.example.com/x"), false), null);
  });

  test("only http(s), whatever the allowance", () => {
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/"])
      for (const allow of [false, true])
        assert.equal(literalRefusal(new URL(url), allow), "must be an http(s) URL", url);
  });

  test("names are resolved: any private address refuses the destination", async () => {
    const answers: Record<string, string[]> = {
      "internal.example": ["10.0.0.5"],
      "mixed.example": ["93.184.216.34", "192.168.1.20"],
      "v6.example": ["fd00::5"],
      "mapped.example": ["::ffff:127.0.0.1"],
      "public.example": ["93.184.216.34", "2606:2800:220:1::1"],
    };
    const resolve = async (host: string) => {
      const a = answers[host];
      if (!a) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
      return a.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    const refusal = (url: string) => destinationRefusal(url, { allowPrivate: false, resolve });
    assert.match((await refusal("https://internal.example/x")) ?? "", /resolves to a private/);
    assert.match((await refusal("https://mixed.example/x")) ?? "", /resolves to a private/);
    assert.match((await refusal("https://v6.example/x")) ?? "", /resolves to a private/);
    assert.match((await refusal("https://mapped.example/x")) ?? "", /resolves to a loopback/);
    assert.equal(await refusal("https://public.example/x"), null);
    // Not resolvable (yet): accepted here, checked again on every connection.
    assert.equal(await refusal("https://nowhere.example/x"), null);
    assert.equal(await refusal("not a url"), "is not a URL");
    // Allowed: no resolution at all.
    assert.equal(
      await destinationRefusal("https://internal.example/x", { allowPrivate: true, resolve }),
      null,
    );
  });

  test("the connection-time lookup refuses a real name resolving to loopback", async () => {
    const err = await new Promise<Error | null>((r) =>
      guardedLookup("localhost", { all: true }, (e) => r(e)),
    );
    assert.match(err?.message ?? "", /localhost resolves to a loopback address/);
  });

  test("the environment switch, and an explicit option over it", () => {
    assert.equal(privateDestinationsAllowed(undefined, {}), false);
    assert.equal(privateDestinationsAllowed(undefined, { [ALLOW_PRIVATE_ENV]: "1" }), true);
    assert.equal(privateDestinationsAllowed(undefined, { [ALLOW_PRIVATE_ENV]: "true" }), true);
    assert.equal(privateDestinationsAllowed(undefined, { [ALLOW_PRIVATE_ENV]: "0" }), false);
    assert.equal(privateDestinationsAllowed(false, { [ALLOW_PRIVATE_ENV]: "1" }), false);
    assert.equal(privateDestinationsAllowed(true, {}), true);
  });
});

describe("refusals when saving and sending", () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.writeHead(200).end("ok");
  });
  let port = 0;
  let store: DuckDbStore;
  const box = SecretBox.open(null, {});
  const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

  before(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    store = await DuckDbStore.open(null);
    await store.config.createWorkspace({ id: "w", name: "W" });
    await store.config.createSite({ id: "s", workspaceId: "w", name: "S", publicKey: "pk_s" });
  });
  after(async () => {
    await store.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test("send time: loopback by address or by name never reaches the receiver", async () => {
    for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
      const r = await post(url, {}, "{}", 2000, false);
      assert.equal(r.status, 0, url);
      assert.equal(r.verdict, "dead", "refused destinations are not retried");
      assert.match(r.body, /^refused: .*loopback address/);
    }
    assert.equal(hits, 0);
    const ok = await post(`http://127.0.0.1:${port}/`, {}, "{}", 2000, true);
    assert.equal(ok.status, 200);
    assert.equal(hits, 1);
  });

  const hook = (id: string, url: string) => ({
    id,
    site: "s",
    kind: "webhook",
    name: id,
    config: { url, secret: SECRET },
  });

  test("save: a private URL is a ConfigError naming the field, unless allowed", async () => {
    await assert.rejects(
      saveIntegration(store, box, hook("wh-1", "http://[::ffff:7f00:1]/x"), {
        allowPrivateDestinations: false,
      }),
      (e: Error) => e instanceof ConfigError && /^url points to a loopback address/.test(e.message),
    );
    await assert.rejects(
      saveIntegration(
        store,
        box,
        {
          ...hook("kl-1", ""),
          kind: "klaviyo",
          config: { apiKey: "k", baseUrl: "http://10.0.0.1" },
        },
        { allowPrivateDestinations: false },
      ),
      (e: Error) => e instanceof ConfigError && /^baseUrl points to a private/.test(e.message),
    );
    const url = `http://127.0.0.1:${port}/hook`;
    await saveIntegration(store, box, hook("wh-1", url), { allowPrivateDestinations: true });
    // An unchanged URL is not checked again: the integration can still be paused or renamed.
    const paused = await saveIntegration(
      store,
      box,
      { ...hook("wh-1", url), enabled: false },
      { allowPrivateDestinations: false },
    );
    assert.equal(paused.enabled, false);
    await assert.rejects(
      saveIntegration(store, box, hook("wh-1", `http://localhost:${port}/other`), {
        allowPrivateDestinations: false,
      }),
      /url points to a loopback address/,
    );
  });

  test("test send: refused at send time when the destination is private", async () => {
    const before = hits;
    const refused = await testDestination(store, box, "s", "wh-1", {
      allowPrivateDestinations: false,
    });
    assert.equal(refused.status, 0);
    assert.equal(refused.verdict, "dead");
    assert.match(refused.body, /refused: .*loopback/);
    assert.equal(hits, before);
    const sent = await testDestination(store, box, "s", "wh-1", { allowPrivateDestinations: true });
    assert.equal(sent.verdict, "delivered");
    assert.equal(hits, before + 1);
  });
});
