/**
 * Slow and greedy clients (issue 13): a body trickled 1 byte at a time, a connection that sends
 * nothing, and more connections from one address than its cap. Short deadlines are configured
 * here; the defaults are in src/connection-limits.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { collectorOf } from "../src/collector/index.ts";
import { clientKey } from "../src/connection-limits.ts";
import { startCollector, type TestServer } from "./support-collector/helpers.ts";
import { eventually, postHead, rawClient, statusOf } from "./support-collector/raw.ts";

const PER_IP = 4;

describe("HTTP server: slow clients and connection caps", () => {
  let t: TestServer;
  let port: number;
  before(async () => {
    t = await startCollector(undefined, undefined, {
      http: {
        headersTimeoutMs: 500,
        requestTimeoutMs: 1000,
        keepAliveTimeoutMs: 500,
        checkIntervalMs: 100,
        maxConnectionsPerIp: PER_IP,
      },
    });
    port = Number(new URL(t.server.url).port);
  });
  after(() => t.stop());

  test("a body trickled 1 byte at a time is cut with 408 long before it is complete", async () => {
    const BODY = 200;
    const c = await rawClient(port);
    c.write(postHead(BODY));
    let sent = 0;
    // 50 ms a byte: the whole body would take 10 s.
    while (sent < BODY && !c.closed) {
      c.write("x");
      sent++;
      await sleep(50);
    }
    assert.ok(c.closed, "the server closed the connection");
    assert.ok(sent < BODY, `closed after ${sent} of ${BODY} bytes`);
    assert.equal(statusOf(c.data), 408);
    // The request counted as in flight is released with the connection.
    assert.ok(await eventually(() => collectorOf(t.server.app)!.inFlight === 0));
  });

  test("headers trickled without end, and a connection that sends nothing, are closed", async () => {
    const slow = await rawClient(port);
    const silent = await rawClient(port);
    slow.write("POST /v1/collect HTTP/1.1\r\n");
    for (let i = 0; i < 200 && !slow.closed; i++) {
      slow.write(`x-pad-${i}: y\r\n`);
      await sleep(50);
    }
    assert.ok(slow.closed, "headers never completing are cut");
    assert.equal(statusOf(slow.data), 408);
    assert.ok(await eventually(() => silent.closed), "a silent connection is closed");
  });

  test(`more than ${PER_IP} connections from one address: the extra ones are closed`, async () => {
    const clients = await Promise.all(Array.from({ length: PER_IP + 3 }, () => rawClient(port)));
    for (const c of clients) c.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert.ok(await eventually(() => clients.every((c) => c.closed || statusOf(c.data) !== null)));
    const served = clients.filter((c) => statusOf(c.data) === 200);
    const refused = clients.filter((c) => c.closed && c.data === "");
    assert.equal(served.length, PER_IP);
    assert.equal(refused.length, 3);
    // Closing connections frees the address's places.
    for (const c of served) c.socket.destroy();
    let again = false;
    for (let i = 0; i < 50 && !again; i++) {
      const c = await rawClient(port);
      c.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      await eventually(() => c.closed || statusOf(c.data) !== null);
      again = statusOf(c.data) === 200;
      c.socket.destroy();
    }
    assert.ok(again, "a new connection is served once the others closed");
  });

  test("IPv6 clients count per /64; IPv4-mapped addresses as IPv4", () => {
    assert.equal(clientKey("::ffff:10.1.2.3"), "10.1.2.3");
    assert.equal(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:db8::5"), "2001:db8:0:0::/64");
    assert.equal(clientKey("::1"), "0:0:0:0::/64");
  });
});
