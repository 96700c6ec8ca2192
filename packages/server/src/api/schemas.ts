/** Schemas shared by several areas. */
import { Type } from "@fastify/type-provider-typebox";
import { ROLES } from "@intently/store";

export const RoleSchema = Type.Enum([...ROLES], { description: "admin, editor or viewer" });

export const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_.:-]+$", description });

export const WorkspaceParams = Type.Object({ workspace: Id("workspace id") });
export const SiteParams = Type.Object({ site: Id("site id") });
export const SegmentParams = Type.Object({ site: Id("site id"), segment: Id("segment id") });

export const ErrorSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

export const WorkspaceView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Type.Number(),
});

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  createdAt: Type.Number(),
});

export const NoContent = Type.Null({ description: "no content" });
