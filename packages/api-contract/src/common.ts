/** Schemas used by several areas of the API: ids and route parameters, errors, users and workspaces. */
import { ROLES } from "@intently/store";
import { Type } from "typebox";

export const RoleSchema = Type.Enum([...ROLES], { description: "admin, editor or viewer" });

export const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9_.:-]+$", description });

export const WorkspaceParams = Type.Object({ workspace: Id("workspace id") });
export const SiteParams = Type.Object({ site: Id("site id") });
export const SegmentParams = Type.Object({ site: Id("site id"), segment: Id("segment id") });

/** One located problem of a request (the conditions package's `Issue`). */
export const IssueSchema = Type.Object({
  path: Type.String({ description: "JSON pointer into the request, e.g. /body/condition" }),
  message: Type.String(),
});

export const ErrorSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  issues: Type.Optional(Type.Array(IssueSchema)),
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

/** The answer of signing in (and of `GET /api/me`, accepting an invitation). */
export const SignedIn = Type.Object({
  user: UserView,
  auth: Type.Enum(["session", "token"]),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: "send as X-CSRF-Token on every state-changing request of this session",
  }),
  workspaces: Type.Array(WorkspaceView),
});
