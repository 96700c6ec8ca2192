/**
 * Child process of the crash test (collector-log-compress-crash.test.ts): prints `ready`, then
 * compresses every plain segment of the log folder given as its argument, until killed.
 */
import { compressLogDir } from "../../src/collector/log-compress.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: compress-child.ts LOG_DIR");
process.stdout.write("ready\n");
await compressLogDir(dir);
process.stdout.write("done\n");
