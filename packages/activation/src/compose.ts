/**
 * Wraps a script body for the way its tool runs it (see `Kind`), with the one-line comment at
 * the top (inside the function for `expression` and `function`, so that a tool prefixing
 * `return ` cannot hit automatic semicolon insertion).
 */
import type { Kind } from "./types.ts";

const indent = (lines: string[]): string[] => lines.map((l) => (l ? `  ${l}` : l));

export function compose(kind: Kind, comment: string, body: string[]): string {
  const c = `// ${comment}`;
  switch (kind) {
    case "expression":
      return ["(function () {", ...indent([c, ...body]), "})();"].join("\n");
    case "function":
      return ["function (activate, options) {", ...indent([c, ...body]), "}"].join("\n");
    case "function-body":
      return [c, ...body].join("\n");
    case "script":
      return [c, "(function () {", ...indent(body), "})();"].join("\n");
    case "html":
      return ["<script>", compose("script", comment, body), "</script>"].join("\n");
  }
}
