/**
 * A delivery process for the crash test: opens the data folder, runs the delivery worker,
 * prints "ready", and runs until killed.
 */
import { DuckDbStore } from "@intently/store";
import { SecretBox } from "../../src/index.ts";
import { DeliveryWorker } from "../../src/worker.ts";

const dir = process.argv[2]!;
const store = await DuckDbStore.open(dir);
const box = SecretBox.open(dir);
const worker = new DeliveryWorker(store.outbox, box, (id) => store.config.getIntegration(id), {
  concurrency: 2,
  pollMs: 50,
  timeoutMs: 30_000,
});
worker.start();
process.stdout.write("ready\n");
setInterval(() => {}, 1000);
