/**
 * Regenerates the reference docs that are derived from code: the collect JSON Schema and the
 * data-point catalogue. `npm run docs` writes them; a test fails when they are out of date.
 */
import { writeFileSync } from "node:fs";
import { batchJsonSchema, DATA_POINTS, SCHEMA_VERSION } from "@intently/engine";

export function collectSchemaDoc(): string {
  return `${JSON.stringify({ version: SCHEMA_VERSION, ...batchJsonSchema() }, null, 2)}\n`;
}

export function dataPointsDoc(): string {
  const rows = DATA_POINTS.map((d) => {
    const type =
      d.type === "enum"
        ? `enum: ${(d.values ?? []).map((v) => `\`${v || '""'}\``).join(", ")}`
        : d.type;
    return `| \`${d.id}\` | ${d.group} | ${type}${d.unit ? ` (${d.unit})` : ""} | ${d.description} |`;
  });
  return [
    "# Data points",
    "",
    "Every session attribute a custom segment can use ([docs/product/engine.md](product/engine.md#data-points)). Generated from",
    "`packages/engine/src/catalogue` by `npm run docs`; do not edit by hand.",
    "",
    "| id | group | type | meaning |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const root = new URL("../docs/", import.meta.url);
  writeFileSync(new URL("collect.schema.json", root), collectSchemaDoc());
  writeFileSync(new URL("data-points.md", root), dataPointsDoc());
  process.stdout.write("docs/collect.schema.json and docs/data-points.md written\n");
}
