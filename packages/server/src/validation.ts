/**
 * Request validation: Fastify's own Ajv compiler, built twice. JSON bodies are validated
 * without type coercion, so `"3"` for a number, `"true"` for a boolean or `"one"` for an array
 * is a 400 instead of being silently converted; querystring and path parameters (strings on the
 * wire) keep Fastify's coercion, so `?days=7` is still a number. (With a custom factory
 * Fastify no longer lower-cases header schemas' keys; no route validates headers.)
 */
import { AjvCompiler, type ValidatorFactory } from "@fastify/ajv-compiler";

const pool = AjvCompiler();

export const buildValidator: ValidatorFactory = (externalSchemas, options) => {
  const coercing = pool(externalSchemas, options);
  // Fastify passes Ajv options (not JTD ones), which `coerceTypes` belongs to.
  const strict = pool(externalSchemas, {
    ...options,
    customOptions: { ...options?.customOptions, coerceTypes: false },
  } as typeof options);
  return (route) => (route.httpPart === "body" ? strict : coercing)(route);
};
