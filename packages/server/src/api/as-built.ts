/**
 * For routes whose answers the handlers build from other packages' types (reports, segments,
 * live view, model card): the response schema documents the answer (OpenAPI) and a test checks
 * real answers against it, but the answer is serialised as built (JSON.stringify) rather than
 * through the schema, so a field the schema does not name is never dropped and a null never
 * turned into 0 (fast-json-stringify's behaviour) — the dashboard reads exactly what the store's
 * report code returns. Spread into the route's options: `api.get(url, { ...asBuilt, … })`.
 */
export const asBuilt = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
};
