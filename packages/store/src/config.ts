/**
 * Configuration kept by the store: workspaces, sites, versioned custom segments, users and their
 * roles, API tokens and invitations (hashed by the caller) and integrations. Secrets arrive already hashed or
 * encrypted; the store never sees a password or a raw token.
 */
import { PLATFORM_SETTINGS, type PlatformSetting, type SegmentStatus } from "@intently/engine";
import { DEFAULT_IPS_BENCHMARKS, type IpsBenchmarks } from "./reports/benchmarks.ts";
import { DAY_MS } from "./rows.ts";

export interface Workspace {
  id: string;
  name: string;
  createdAt: number;
}

export interface SiteSettings {
  /**
   * Data older than this (sessions, events, intervals, rollups, outbox messages) is deleted by
   * deleteBefore / applyRetention; the server's retention job runs it every few hours.
   */
  retentionDays: number;
  /** IPS phase benchmarks (floors and ceilings of the progression rates). */
  ipsBenchmarks: IpsBenchmarks;
  /** Hash ids given to intently.identify before they leave the page. */
  hashIdentified: boolean;
  /** Send nothing until the shop signals consent. */
  requireConsent: boolean;
  /** Honour Global Privacy Control. */
  honourGpc: boolean;
  /** ISO 4217 code of the currency the site reports revenue in. */
  currency: string;
  /**
   * Conversion rates into the site's currency (issue 19): `{"EUR": 1.17}` = 1.17 site units per
   * 1 EUR. An order in another currency with a rate is converted; without one it is kept apart
   * (orders.ts: stored with its currency and amount, never summed into revenue).
   */
  currencyRates?: Record<string, number>;
  /**
   * BCP 47 locale of the shop's pages (e.g. "de-DE"), or "" for none: the tag reads ambiguous
   * amounts with it ("1.299" on a de-DE site is 1299).
   */
  locale?: string;
  /** The shop's platform: page types by its URL layout (engine context/page-types.ts). */
  platform?: SitePlatform;
  /**
   * The site's IANA time zone (canonical name, e.g. "America/New_York"): report days are its
   * local days (local-days.ts), in queries, rollups and charts. Changing it re-buckets the
   * stored rollups.
   */
  timeZone: string;
  /**
   * Where the shop's pages load the tag from (docs/install.md#install-modes), e.g.
   * "https://www.shop.example/in" behind the shop's own proxy: the Settings snippet names it.
   * Empty or absent: the server's public URL.
   */
  tagBase?: string;
}

/**
 * The platform setting (the engine's one list, context/page-types.ts): `auto` tries every
 * platform's safe rules, `custom` none.
 */
export const SITE_PLATFORMS = PLATFORM_SETTINGS;
export type SitePlatform = PlatformSetting;

/** 13 months: long enough for year-on-year comparisons, short enough to be a sane default. */
export const DEFAULT_RETENTION_DAYS = 395;

/** The time before which a site's data goes at `now`, or null when its retention is off. */
export function retentionCutoff(site: Site, now: number): number | null {
  const days = site.settings.retentionDays;
  return days > 0 ? now - days * DAY_MS : null;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  retentionDays: DEFAULT_RETENTION_DAYS,
  ipsBenchmarks: DEFAULT_IPS_BENCHMARKS,
  hashIdentified: true,
  requireConsent: false,
  honourGpc: true,
  currency: "GBP",
  currencyRates: {},
  locale: "",
  platform: "auto",
  timeZone: "UTC",
};

export interface Site {
  id: string;
  workspaceId: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: number;
}

export interface NewSite {
  id: string;
  workspaceId: string;
  name: string;
  publicKey: string;
  allowedOrigins?: string[];
  settings?: Partial<SiteSettings>;
}

/** One saved version of a custom segment: `definition` is the engine's SegmentDefinition. */
export interface SegmentVersion {
  site: string;
  id: string;
  version: number;
  definition: unknown;
  author: string;
  createdAt: number;
  status: SegmentStatus;
}

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  /** argon2 hash, computed by the caller. */
  passwordHash: string;
  createdAt: number;
  disabled: boolean;
}

export interface Membership {
  workspaceId: string;
  userId: string;
  role: Role;
}

export interface ApiToken {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  /** SHA-256 (or stronger) of the token, computed by the caller. */
  tokenHash: string;
  role: Role;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A pending invitation to a workspace: the invited person becomes a member on accepting. */
export interface Invitation {
  id: string;
  workspaceId: string;
  /** Normalised (trimmed, lower case) by the store. */
  email: string;
  role: Role;
  /** SHA-256 (hex) of the one-time token, computed by the caller. */
  tokenHash: string;
  /** The admin who invited. */
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

export interface Integration {
  id: string;
  site: string;
  kind: string;
  name: string;
  /** JSON; secrets inside must already be encrypted by the caller. */
  config: unknown;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Configuration operations. Reads return null (or []) for unknown ids, never throw. */
export interface ConfigStore {
  createWorkspace(w: { id: string; name: string }): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | null>;
  listWorkspaces(): Promise<Workspace[]>;

  createSite(site: NewSite): Promise<Site>;
  getSite(id: string): Promise<Site | null>;
  getSiteByPublicKey(publicKey: string): Promise<Site | null>;
  listSites(workspaceId?: string): Promise<Site[]>;
  /** Updates name, allowed origins and (merged) settings. */
  updateSite(
    id: string,
    patch: { name?: string; allowedOrigins?: string[]; settings?: Partial<SiteSettings> },
  ): Promise<Site | null>;
  deleteSite(id: string): Promise<boolean>;

  /** Saves a new version (1 for a new id) and returns it. */
  saveSegment(s: {
    site: string;
    id: string;
    definition: unknown;
    author: string;
    status: SegmentStatus;
  }): Promise<SegmentVersion>;
  /** The latest version, or the given one. */
  getSegment(site: string, id: string, version?: number): Promise<SegmentVersion | null>;
  /** The latest version of every segment of a site. */
  listSegments(site: string): Promise<SegmentVersion[]>;
  segmentHistory(site: string, id: string): Promise<SegmentVersion[]>;

  createUser(u: { id: string; email: string; passwordHash: string }): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  updateUser(
    id: string,
    patch: { passwordHash?: string; disabled?: boolean },
  ): Promise<User | null>;
  setMembership(m: Membership): Promise<void>;
  removeMembership(workspaceId: string, userId: string): Promise<boolean>;
  memberships(userId: string): Promise<Membership[]>;
  members(workspaceId: string): Promise<Membership[]>;

  createToken(t: Omit<ApiToken, "createdAt" | "lastUsedAt" | "revokedAt">): Promise<ApiToken>;
  /** A live (not revoked) token by its hash. */
  findToken(tokenHash: string): Promise<ApiToken | null>;
  touchToken(id: string, at: number): Promise<void>;
  revokeToken(id: string): Promise<boolean>;
  listTokens(workspaceId: string): Promise<ApiToken[]>;

  /** Saves an invitation, replacing any other of the same email to the same workspace. */
  createInvitation(i: Invitation): Promise<Invitation>;
  /** An invitation by its token's hash (expired ones too: the caller checks expiresAt). */
  findInvitation(tokenHash: string): Promise<Invitation | null>;
  listInvitations(workspaceId: string): Promise<Invitation[]>;
  deleteInvitation(id: string): Promise<boolean>;

  saveIntegration(i: Omit<Integration, "createdAt" | "updatedAt">): Promise<Integration>;
  getIntegration(id: string): Promise<Integration | null>;
  listIntegrations(site: string): Promise<Integration[]>;
  deleteIntegration(id: string): Promise<boolean>;
}
