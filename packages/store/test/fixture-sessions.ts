/**
 * The fixture's sessions, as a table: who, when, how they arrived, their path through the
 * framework segments (minutes from their start), custom-segment stays, outcome and signals.
 * Current period: day 0 = T0 (2024-11-11) and day 1. Previous week: p1, p2. s8 is a bot
 * (in everything, must count nowhere).
 */
import type { Signal } from "@intently/engine";
import { DAY_MS } from "../src/index.ts";

export const SITE = "shop";
export const T0 = Date.UTC(2024, 10, 11);
export const M = 60_000;
export const H = 3_600_000;

type Stay = [segment: string, fromMin: number, toMin: number];
interface CustomStay {
  segment: string;
  from: number;
  to: number;
  prev: string | null;
  next: string | null;
}

export interface Spec {
  id: string;
  visitor: string;
  start: number;
  device: string;
  source: string;
  landing: string;
  country: string;
  returning: boolean;
  path: Stay[];
  custom?: CustomStay[];
  revenue?: number;
  orders?: number;
  xc: [initial: number, final: number, max: number];
  signals?: Partial<Record<Signal, number>>;
  experiments?: string[];
  bot?: boolean;
}

const cs = (segment: string, from: number, to: number, prev: string | null, next: string | null) =>
  ({ segment, from, to, prev, next }) satisfies CustomStay;

/** The sessions. Final phase is the phase of the last framework stay. */
export const SPECS: Spec[] = [
  // s1: browses, explores, drifts away. Final build-intent.
  {
    id: "s1",
    visitor: "v1",
    start: T0,
    device: "mobile",
    source: "organic-search",
    landing: "home",
    country: "GB",
    returning: false,
    path: [
      ["focused-browsers", 0, 5],
      ["focused-explorers", 5, 10],
      ["drifting-explorers", 10, 40],
    ],
    custom: [cs("searchers", 0, 40, "focused-browsers", null)],
    xc: [0.02, 0.05, 0.08],
    experiments: ["hero:original"],
  },
  // s2: the whole funnel, buys 100.
  {
    id: "s2",
    visitor: "v2",
    start: T0 + H,
    device: "desktop",
    source: "paid-search",
    landing: "category",
    country: "GB",
    returning: true,
    path: [
      ["focused-browsers", 0, 2],
      ["focused-explorers", 2, 4],
      ["focused-considerers", 4, 8],
      ["focused-buyers", 8, 12],
      ["converted", 12, 42],
    ],
    custom: [
      cs("searchers", 0, 5, "focused-browsers", "focused-considerers"),
      cs("high-value", 6, 42, "focused-considerers", null),
    ],
    revenue: 100,
    orders: 1,
    xc: [0.03, 1, 1],
    experiments: ["exp1:control"],
  },
  // s3: lands on a product (skips Engage), struggles, buys 150 in two orders.
  {
    id: "s3",
    visitor: "v3",
    start: T0 + 2 * H,
    device: "mobile",
    source: "paid-search",
    landing: "product",
    country: "US",
    returning: false,
    path: [
      ["focused-explorers", 0, 3],
      ["struggling-explorers", 3, 5],
      ["focused-considerers", 5, 9],
      ["struggling-buyers", 9, 11],
      ["converted", 11, 41],
    ],
    custom: [
      cs("searchers", 0, 10, "focused-explorers", "struggling-buyers"),
      cs("searchers", 20, 41, "converted", null),
      cs("high-value", 7, 41, "focused-considerers", null),
    ],
    revenue: 150,
    orders: 2,
    xc: [0.05, 1, 1],
    signals: { rage_click: 3, form_error: 1 },
    experiments: ["exp1:treatment"],
  },
  // s4: v1 again, struggles while browsing and leaves. Final engage.
  {
    id: "s4",
    visitor: "v1",
    start: T0 + DAY_MS,
    device: "mobile",
    source: "organic-search",
    landing: "home",
    country: "GB",
    returning: true,
    path: [
      ["focused-browsers", 0, 1],
      ["struggling-browsers", 1, 2],
      ["focused-browsers", 2, 3],
      ["unengaged-browsers", 3, 33],
    ],
    custom: [cs("searchers", 0, 33, "focused-browsers", null)],
    xc: [0.01, 0.01, 0.02],
    signals: { dead_click: 2 },
    experiments: ["exp1:control"],
  },
  // s5: builds a high-value cart and wavers. Final maintain-intent.
  {
    id: "s5",
    visitor: "v4",
    start: T0 + DAY_MS + H,
    device: "desktop",
    source: "email",
    landing: "home",
    country: "FR",
    returning: false,
    path: [
      ["focused-browsers", 0, 2],
      ["focused-explorers", 2, 5],
      ["focused-considerers", 5, 9],
      ["wavering-considerers", 9, 39],
    ],
    custom: [cs("high-value", 7, 39, "focused-considerers", null)],
    xc: [0.02, 0.3, 0.4],
    experiments: ["exp1:treatment", "hero:b"],
  },
  // s6: straight to checkout from browsing, abandons. Final convert.
  {
    id: "s6",
    visitor: "v5",
    start: T0 + DAY_MS + 2 * H,
    device: "desktop",
    source: "direct",
    landing: "home",
    country: "GB",
    returning: false,
    path: [
      ["focused-browsers", 0, 1],
      ["focused-buyers", 1, 3],
      ["abandoning-buyers", 3, 33],
    ],
    xc: [0.1, 0.2, 0.5],
    signals: { exit_intent: 1, tab_hidden: 2 },
    experiments: ["exp1:treatment", "hero:b"],
  },
  // s7: quick purchase of 50.
  {
    id: "s7",
    visitor: "v6",
    start: T0 + DAY_MS + 3 * H,
    device: "desktop",
    source: "direct",
    landing: "category",
    country: "DE",
    returning: true,
    path: [
      ["focused-browsers", 0, 1],
      ["focused-explorers", 1, 2],
      ["focused-considerers", 2, 3],
      ["focused-buyers", 3, 4],
      ["converted", 4, 34],
    ],
    revenue: 50,
    orders: 1,
    xc: [0.05, 1, 1],
    experiments: ["exp1:control"],
  },
  // s8: a bot that does everything; must be excluded everywhere.
  {
    id: "s8",
    visitor: "v7",
    start: T0 + 30 * M,
    device: "desktop",
    source: "direct",
    landing: "home",
    country: "GB",
    returning: false,
    path: [
      ["focused-browsers", 0, 1],
      ["converted", 1, 31],
    ],
    custom: [
      cs("searchers", 0, 10, "focused-browsers", "converted"),
      cs("high-value", 2, 10, "converted", "converted"),
    ],
    revenue: 999,
    orders: 1,
    xc: [0.5, 1, 1],
    signals: { rage_click: 9 },
    experiments: ["exp1:control"],
    bot: true,
  },
  // Previous week.
  {
    id: "p1",
    visitor: "v8",
    start: T0 - 3 * DAY_MS,
    device: "desktop",
    source: "direct",
    landing: "home",
    country: "GB",
    returning: false,
    path: [["focused-browsers", 0, 30]],
    xc: [0.02, 0.02, 0.02],
  },
  {
    id: "p2",
    visitor: "v9",
    start: T0 - 2 * DAY_MS,
    device: "mobile",
    source: "direct",
    landing: "home",
    country: "GB",
    returning: false,
    path: [
      ["focused-browsers", 0, 1],
      ["focused-explorers", 1, 3],
      ["focused-considerers", 3, 5],
      ["focused-buyers", 5, 7],
      ["converted", 7, 37],
    ],
    custom: [
      cs("searchers", 0, 37, "focused-browsers", null),
      cs("high-value", 4, 37, "focused-considerers", null),
    ],
    revenue: 80,
    orders: 1,
    xc: [0.02, 1, 1],
  },
];
