import { batchJsonSchema, DATA_POINTS, SCHEMA_VERSION } from "@intently/engine";
import type { Command } from "../command.ts";

export const schemaCommand: Command = {
  name: ["schema"],
  summary: "Print the JSON Schema of a collect request (POST /v1/collect)",
  usage: "\n\nPrints the collector's request schema, generated from the engine's TypeScript types.",
  options: {},
  async run() {
    process.stdout.write(
      `${JSON.stringify({ version: SCHEMA_VERSION, ...batchJsonSchema() }, null, 2)}\n`,
    );
    return 0;
  },
};

export const dataPointsCommand: Command = {
  name: ["data-points"],
  summary: "List the data points segments can be built on",
  usage:
    "[--json]\n\n  --json   print the catalogue as JSON (id, label, type, group, description, values, unit)",
  options: { json: { type: "boolean" } },
  async run(v) {
    if (v.json) {
      const list = DATA_POINTS.map(({ get: _get, ...d }) => d);
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    for (const d of DATA_POINTS) {
      const type = d.type === "enum" ? `enum(${d.values?.join("|")})` : d.type;
      process.stdout.write(
        `${d.id.padEnd(26)} ${type.padEnd(12).slice(0, 40)}  ${d.description}\n`,
      );
    }
    return 0;
  },
};
