/**
 * The common webhook setup of the delivery tests: a customer's receiver listening on
 * 127.0.0.1, and the integration "wh-1" ("Hook") of SITE sending to its `/hook`.
 */
import type { Store } from "@intently/store";
import { saveIntegration } from "../../src/config.ts";
import type { SecretBox } from "../../src/secrets.ts";
import { SITE } from "./helpers.ts";
import { type Listening, listen } from "./http.ts";
import { WebhookReceiver } from "./webhook-receiver.ts";

export interface Hook {
  receiver: WebhookReceiver;
  server: Listening;
}

/** A receiver verifying with `secret`, listening. */
export async function listenHook(secret: string): Promise<Hook> {
  const receiver = new WebhookReceiver(secret);
  return { receiver, server: await listen(receiver.handle) };
}

/** Saves the integration "wh-1" that sends SITE's summaries to the hook. */
export function saveHook(store: Store, box: SecretBox, hook: Hook, secret: string) {
  return saveIntegration(store, box, {
    id: "wh-1",
    site: SITE,
    kind: "webhook",
    name: "Hook",
    config: { url: `${hook.server.url}/hook`, secret },
  });
}
