/**
 * The webhook connector under the shared connector contract suite. The receiver verifies with
 * the Standard Webhooks reference library (https://www.standardwebhooks.com/, npm
 * `standardwebhooks`): the signature over "<webhook-id>.<webhook-timestamp>.<body>", a
 * 5-minute tolerance on the timestamp. Mutations that must survive the signature check
 * (a stale timestamp, another event type) are re-signed with the right secret, so that the
 * receiver refuses them for that one field alone.
 */

import { webhook } from "../src/connectors/webhook.ts";
import { sign, signingKey } from "../src/signature.ts";
import { sampleSummary } from "../src/tools.ts";
import { editJson, type Mutation, runConnectorContract } from "./support/connector-contract.ts";
import { SITE, testSecret } from "./support/helpers.ts";
import { WebhookReceiver } from "./support/webhook-receiver.ts";

const SECRET = testSecret("contract");
const T0 = Date.now();

/** The request signed again with `secret` at `tMs` (its id and body as they are). */
const resigned =
  (tMs: number, secret = SECRET): Mutation["apply"] =>
  (r) => {
    const t = Math.floor(tMs / 1000);
    r.headers["webhook-timestamp"] = String(t);
    r.headers["webhook-signature"] = sign(
      signingKey(secret)!.key,
      r.headers["webhook-id"]!,
      t,
      r.body,
    );
    return r;
  };
const drop =
  (name: string): Mutation["apply"] =>
  (r) => {
    delete r.headers[name];
    return r;
  };

runConnectorContract<WebhookReceiver>({
  vendor: "Webhook (Standard Webhooks)",
  connector: webhook as never,
  receiver: () => new WebhookReceiver(SECRET),
  config: (url) => ({ url: `${url}/hooks/intently`, secret: SECRET }),
  summary: sampleSummary(SITE, T0),
  refused: (a) => a.status >= 400,
  mutations: [
    { name: "header: no webhook-signature", apply: drop("webhook-signature") },
    { name: "header: no webhook-id", apply: drop("webhook-id") },
    { name: "header: no webhook-timestamp", apply: drop("webhook-timestamp") },
    {
      name: "header: webhook-id changed (signed over the old one)",
      apply: (r) => {
        r.headers["webhook-id"] = "msg_another";
        return r;
      },
    },
    { name: "header: signed with another secret", apply: resigned(T0, testSecret("other")) },
    {
      name: "header: content-type text/plain",
      apply: (r) => ({ ...r, headers: { ...r.headers, "content-type": "text/plain" } }),
    },
    { name: "timestamp: 6 minutes old (re-signed)", apply: resigned(T0 - 6 * 60_000) },
    { name: "timestamp: 6 minutes ahead (re-signed)", apply: resigned(T0 + 6 * 60_000) },
    {
      name: "body: one value changed after signing",
      apply: (r) => ({ ...r, body: r.body.replace('"revenue":129.5', '"revenue":1129.5') }),
    },
    {
      name: "body: another event type (re-signed)",
      apply: (r) =>
        resigned(T0)(
          editJson(r, (b) => {
            b.type = "session.other";
          }),
        ),
    },
  ],
});
