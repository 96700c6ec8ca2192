/** Workspace schemas: members, invitations and API tokens as the API shows them. */
import { Type } from "typebox";
import { RoleSchema } from "./common.ts";

export const MemberView = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: Type.Number(),
});

/** A pending invitation to a workspace (its token is shown once, when it is made). */
export const InvitationView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  invitedBy: Type.String({ description: "user id of the admin who invited" }),
  createdAt: Type.Number(),
  expiresAt: Type.Number(),
});

/** What an invitation token invites to (`POST /api/invitations/lookup`). */
export const InvitationLookup = Type.Object({
  email: Type.String(),
  role: RoleSchema,
  workspace: Type.Object({ id: Type.String(), name: Type.String() }),
  expiresAt: Type.Number(),
});

export const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  userId: Type.String(),
  createdAt: Type.Number(),
  lastUsedAt: Type.Union([Type.Number(), Type.Null()]),
  revokedAt: Type.Union([Type.Number(), Type.Null()]),
});
