/** Contract matrix, page scripts sending to the tool's own API (see support/matrix.ts). */
import { matrixSuite } from "./support/matrix.ts";

matrixSuite("2-events", [
  "vwo-event",
  "kameleoon-event",
  "dynamic-yield-event",
  "adobe-target",
  "bloomreach",
  "gtm",
  "generic",
]);
