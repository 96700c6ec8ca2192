/** Shared in-page actions for the detector tests. */
import type { Page } from "playwright-core";
import type { TagServer } from "./server.ts";
import { waitFor } from "./wait.ts";

/**
 * Sends a marker (an immediate commerce event) and waits for it: everything the page emitted
 * before it has then reached the server, so the absence of a signal can be asserted.
 */
export async function settle(page: Page, server: TagServer): Promise<void> {
  const id = `M${Math.random().toString(36).slice(2)}`;
  await page.evaluate((item_id) => {
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      event: "select_item",
      ecommerce: { items: [{ item_id }] },
    });
  }, id);
  await waitFor(
    () => server.events("select_item").some((e) => JSON.stringify(e).includes(id)),
    "the marker event",
  );
}

/** Clicks `count` times at the centre of `selector`, with the real mouse. */
export async function clickTimes(page: Page, selector: string, count: number, dx = 0) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  for (let i = 0; i < count; i++) {
    await page.mouse.click(box.x + box.width / 2 + i * dx, box.y + box.height / 2);
  }
}

/** Repeats an action until the server has an event of `type` (robust to a slow machine). */
export async function until(server: TagServer, type: string, action: () => Promise<void>) {
  return waitFor(
    async () => {
      if (server.events(type).length === 0) await action();
      return server.events(type).length > 0 || undefined;
    },
    `${type} after repeated attempts`,
    30_000,
    500,
  );
}
