/**
 * The crash test's server process: `node --import tsx serve.ts --data-dir DIR --port 0 …`
 * starts the full server with the collector and prints `{"port":…}` (see src/collector/serve.ts).
 */
import { main } from "../../src/collector/serve.ts";

await main(process.argv.slice(2));
