/** The shared schemas now live in @intently/api-contract; re-exported for the integrations routes until they move. */
export { Id, NoContent, SiteParams } from "@intently/api-contract";
