/** Contract matrix, tools that wait: callbacks, AB Tasty's Promise, DY's evaluator (support/matrix.ts). */
import { matrixSuite } from "./support/matrix.ts";

matrixSuite("0-waiting", ["optimizely-activation", "optimizely-edge", "abtasty", "dynamic-yield"]);
