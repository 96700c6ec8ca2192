/**
 * The OpenAPI document is valid (issue 23, item 9), checked by an OpenAPI 3.1 schema validator
 * (@seriousme/openapi-schema-validator), and every GET route documents its answer's schema
 * (api-openapi-routes.test.ts checks real answers against them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { startApi } from "./support-api/server.ts";

/** GET routes without a 2xx response schema: none since issue 23, item 9 (keep it empty). */
const KNOWN_WITHOUT_RESPONSE_SCHEMA = new Set<string>();

// biome-ignore lint/suspicious/noExplicitAny: the document is read as loose JSON.
type Doc = { openapi: string; paths: Record<string, Record<string, any>> };

test("GET /api/openapi.json is a valid OpenAPI 3.1 document", async () => {
  const s = await startApi();
  try {
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as Doc;
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 3000));
    assert.equal(doc.openapi, "3.1.0");

    const without: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const get = ops.get;
      if (!get) continue;
      const responses: Record<string, { content?: unknown }> = get.responses ?? {};
      const documented = Object.entries(responses).some(
        ([code, r]) => code.startsWith("2") && (code === "204" || r?.content),
      );
      if (!documented) without.push(path);
    }
    const added = without.filter((p) => !KNOWN_WITHOUT_RESPONSE_SCHEMA.has(p));
    assert.deepEqual(added, [], "new GET routes need a response schema");
    assert.ok(without.length <= KNOWN_WITHOUT_RESPONSE_SCHEMA.size);
  } finally {
    await s.close();
  }
});
