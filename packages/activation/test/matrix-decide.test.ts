/** Contract matrix, tools that decide synchronously once per view (see support/matrix.ts). */
import { matrixSuite } from "./support/matrix.ts";

matrixSuite("1-decide", ["optimizely-audience", "vwo", "convert", "kameleoon"]);
