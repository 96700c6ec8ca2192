/**
 * The opportunities overview (issue 20, item 13): every segment of a site over one period, with
 * its opportunities (the framework's editorial list, or the shop's own for a custom segment),
 * its size and the value at stake, ranked by that value (docs/product/opportunities.md).
 */
import { Type } from "typebox";
import { PeriodInfoView } from "./answers.ts";

const Money = (description: string) => Type.Number({ minimum: 0, description });
const Rate = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const OpportunityRowView = Type.Object({
  segment: Type.String(),
  kind: Type.Union([Type.Literal("framework"), Type.Literal("custom")]),
  name: Type.String(),
  status: Type.String({ description: "live or paused (archived segments are left out)" }),
  rank: Type.Integer({ minimum: 1, description: "1 = the most value at stake" }),
  sessions: Type.Integer({ minimum: 0, description: "sessions ever in the segment" }),
  conversions: Type.Integer({ minimum: 0 }),
  conversionRate: Rate("conversions / sessions; null without sessions"),
  revenue: Money("revenue of the segment's sessions"),
  revenuePerSession: Rate("revenue / sessions; null without sessions"),
  valueAtStake: Money(
    "max(0, sessions × the site's revenue per session − revenue): what its sessions would add at the site's average",
  ),
  opportunities: Type.Array(Type.String(), { description: "what to try, in the segment's order" }),
});

export const OpportunitiesView = Type.Object({
  site: Type.String(),
  totalSessions: Type.Integer({ minimum: 0, description: "every session of the period" }),
  revenue: Money("revenue of every session of the period"),
  revenuePerSession: Rate("the site's revenue per session; null without sessions"),
  valueAtStake: Money("the rows' values summed (a session in two segments counts in both)"),
  segments: Type.Array(OpportunityRowView, {
    description: "ranked by value at stake, then sessions, then name",
  }),
  periodInfo: PeriodInfoView,
});
