/** The virtual module the build generates from the engine's catalogue (server/catalogue.ts). */
declare module "intently:catalogue" {
  /** A `Catalogue` (lib/catalogue-types.ts). */
  const catalogue: unknown;
  export default catalogue;
}
