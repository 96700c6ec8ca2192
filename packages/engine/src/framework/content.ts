/**
 * Default editorial content for the 13 framework segments
 * (docs/product/engine.md#framework-segments): what each segment means, the shop's objective for
 * it, concrete opportunities (in-flight via a testing tool, or post-session via email/CRM) and an
 * example experiment. Editable per site.
 */
import type { SegmentContent } from "./content-types.ts";
import type { FrameworkSegmentId } from "./segments.ts";

export const FRAMEWORK_SEGMENT_CONTENT: Record<FrameworkSegmentId, SegmentContent> = {
  "focused-browsers": {
    id: "focused-browsers",
    name: "Focused Browsers",
    meaning:
      "Engage phase, Focus state: still on home, content, landing or category pages, browsing calmly with no frustration or exit signals.",
    objective: "Move them out of Browsing: get a search, a filter, or a first product detail view.",
    opportunities: [
      "Promote search prominently and seed it with popular queries or trending categories.",
      "Show bestsellers or 'most viewed this week' modules on landing and category pages to give a first click into a product.",
      "Match the landing content to the traffic source or campaign (e.g. feature the advertised range for paid-social visitors).",
      "For returning visitors, surface recently viewed items and their top category affinity.",
    ],
    exampleExperiment: {
      hypothesis:
        "Focused browsers arriving on the home page will reach a product page more often if they see personalised category shortcuts instead of a generic hero banner.",
      treatment:
        "Replace the hero banner with a row of category tiles ordered by the visitor's category affinity (falling back to top sellers).",
      metric: "Share of sessions leaving Browsing (first search, filter or product view).",
    },
  },
  "struggling-browsers": {
    id: "struggling-browsers",
    name: "Struggling Browsers",
    meaning:
      "Engage phase, Struggle state: still browsing but showing frustration (rage or dead clicks, 404s, zero-result searches, u-turns) before finding anything to engage with.",
    objective: "Remove the obstacle and give them a clear route to relevant products.",
    opportunities: [
      "Turn 404 and zero-result pages into helpful pages: spelling suggestions, related categories and bestsellers.",
      "Review dead-click hotspots on landing pages and make the clicked images or banners link to products.",
      "Simplify navigation for this segment, e.g. an expanded category menu or a 'shop by' quick-link bar.",
      "Check that the landing page matches the campaign promise; send paid traffic to the advertised product listing.",
    ],
    exampleExperiment: {
      hypothesis:
        "Struggling browsers who hit a zero-result search or 404 will engage more if the page offers suggestions rather than a dead end.",
      treatment:
        "On zero-result and 404 pages, show 'Did you mean…' suggestions, the top categories and a bestseller carousel.",
      metric: "Share of sessions reaching a product detail page after the frustration signal.",
    },
  },
  "unengaged-browsers": {
    id: "unengaged-browsers",
    name: "Unengaged Browsers",
    meaning:
      "Engage phase, Abandon state: still browsing and showing exit intent, a hidden tab, 60 s idle or very high exit risk without having engaged.",
    objective: "Capture a reason to stay or a way to re-contact them before they leave.",
    opportunities: [
      "Show an exit-intent overlay with a clear value proposition (range, delivery, returns) rather than a generic discount.",
      "Offer newsletter or first-order sign-up to capture an email address for follow-up.",
      "When the tab regains focus, highlight bestsellers or the category they last viewed.",
      "Review the traffic sources over-represented here and adjust targeting or landing pages.",
    ],
    exampleExperiment: {
      hypothesis:
        "A single exit-intent overlay presenting the shop's key benefits and a sign-up will retain or capture more unengaged browsers than no intervention.",
      treatment:
        "Show one exit-intent overlay per session with three key benefits, a 'Shop bestsellers' button and an email sign-up field.",
      metric: "Share of sessions that either continue to a product view or submit an email.",
    },
  },
  "focused-explorers": {
    id: "focused-explorers",
    name: "Focused Explorers",
    meaning:
      "Build Intent phase, Focus state: searching, filtering or viewing products without frustration, but purchase intent is not yet built.",
    objective: "Build intent: help them find the right product and reach an add-to-cart.",
    opportunities: [
      "Strengthen product detail pages for this segment: reviews near the price, size or fit guidance, stock and delivery estimate.",
      "Recommend alternatives and complementary items based on the viewed category and price band.",
      "Make comparing easy: 'compare' or 'save to wishlist' actions on listings and product pages.",
      "Highlight social proof such as review counts and ratings on listing tiles.",
    ],
    exampleExperiment: {
      hypothesis:
        "Showing the expected delivery date and review summary next to the price will increase add-to-cart among focused explorers.",
      treatment:
        "On product detail pages, add a delivery-date estimate and star rating with review count directly below the price.",
      metric: "Add-to-cart rate per session.",
    },
  },
  "struggling-explorers": {
    id: "struggling-explorers",
    name: "Struggling Explorers",
    meaning:
      "Build Intent phase, Struggle state: exploring products but hitting frustration, such as zero-result searches, back-and-forth between pages, rage clicks or errors.",
    objective: "Resolve the friction in finding or understanding products so intent can build.",
    opportunities: [
      "Improve search: synonyms, typo tolerance and fallbacks for the zero-result queries seen here.",
      "Fix filter and sort usability issues (dead clicks on filters, filters that return empty listings).",
      "Offer guided selling or a product finder quiz when visitors bounce between similar products.",
      "Make key product information (sizes, specifications, compatibility) visible without extra clicks.",
      "Offer live chat or help links on product pages where repeated back-and-forth occurs.",
    ],
    exampleExperiment: {
      hypothesis:
        "Struggling explorers switching back and forth between products will add to cart more often if they can compare them side by side.",
      treatment:
        "After repeated back-and-forth between two product pages, show a 'Compare these items' panel with key attributes and prices.",
      metric: "Add-to-cart rate among sessions shown the panel versus control.",
    },
  },
  "drifting-explorers": {
    id: "drifting-explorers",
    name: "Drifting Explorers",
    meaning:
      "Build Intent phase, Abandon state: have searched or viewed products but are now idle, hiding the tab, showing exit intent or at very high exit risk.",
    objective: "Keep the products they looked at in mind and give them a reason to come back.",
    opportunities: [
      "On exit intent, show the products they viewed with a 'save for later' or wishlist option.",
      "Offer an email capture to send the viewed items, then follow up with a browse-abandonment email.",
      "When they return to the tab, greet them with their recently viewed products.",
      "Remarket the viewed category in paid media for visitors who consented to tracking.",
    ],
    exampleExperiment: {
      hypothesis:
        "Offering to email the viewed products on exit intent will bring more drifting explorers back to purchase.",
      treatment:
        "Exit-intent panel listing the last viewed products with an 'Email me these items' field, followed by a browse-abandonment email.",
      metric: "Purchases within 7 days among sessions shown the panel versus control.",
    },
  },
  "focused-considerers": {
    id: "focused-considerers",
    name: "Focused Considerers",
    meaning:
      "Maintain Intent phase, Focus state: intent is built (high purchase confidence) and they are progressing calmly, but have not started checkout.",
    objective: "Keep the momentum and move them into checkout without distraction.",
    opportunities: [
      "Make the cart and checkout entry points prominent (persistent mini-cart, sticky 'Checkout' button).",
      "Show the delivery cost and free-delivery threshold in the cart to avoid surprises later.",
      "Limit distracting promotions and pop-ups for this segment.",
      "Suggest relevant add-ons in the cart only if they do not push the checkout button out of view.",
    ],
    exampleExperiment: {
      hypothesis:
        "A sticky checkout button with the cart total will move more focused considerers into checkout.",
      treatment:
        "Show a sticky bar with cart total and 'Go to checkout' on product and listing pages once an item is in the cart.",
      metric: "Checkout start rate.",
    },
  },
  "struggling-considerers": {
    id: "struggling-considerers",
    name: "Struggling Considerers",
    meaning:
      "Maintain Intent phase, Struggle state: intent is built but they meet frustration before checkout, e.g. errors on cart or product pages, rage clicks on options, voucher errors.",
    objective: "Remove the blocker quickly so the built intent is not lost.",
    opportunities: [
      "Fix cart issues seen here: quantity or variant selectors that fail, voucher code errors, unavailable items.",
      "Explain voucher errors clearly and show which offers apply instead of a generic error.",
      "Offer live chat or a callback when errors repeat on the cart page.",
      "Answer common questions inline: delivery times, returns policy, sizing.",
    ],
    exampleExperiment: {
      hypothesis:
        "Clear inline guidance after a voucher error will keep more struggling considerers moving to checkout.",
      treatment:
        "Replace the generic voucher error with a specific reason and a list of currently valid offers for the cart.",
      metric: "Checkout start rate after a voucher error.",
    },
  },
  "wavering-considerers": {
    id: "wavering-considerers",
    name: "Wavering Considerers",
    meaning:
      "Maintain Intent phase, Abandon state: intent is built, often with items in the cart, but they are idle, leaving, hiding the tab or emptying the cart.",
    objective: "Secure the cart and the contact details needed to recover the sale.",
    opportunities: [
      "On exit intent, remind them of the cart contents with delivery and returns reassurance.",
      "Offer to save or email the cart; send a cart-abandonment email sequence to known customers.",
      "Show stock or price-change information only when it is true (e.g. low stock on an item in the cart).",
      "Test incentives carefully (e.g. free delivery) for this segment only, to avoid training all visitors to wait.",
    ],
    exampleExperiment: {
      hypothesis:
        "An exit-intent cart reminder with delivery and returns reassurance will recover more wavering considerers than no intervention.",
      treatment:
        "Show an exit-intent overlay with the cart items, total, delivery date, returns policy and a 'Checkout now' button.",
      metric:
        "Conversion rate of sessions in the segment (with 7-day recovered purchases as secondary).",
    },
  },
  "focused-buyers": {
    id: "focused-buyers",
    name: "Focused Buyers",
    meaning:
      "Convert phase, Focus state: in checkout and progressing normally with no purchase recorded yet.",
    objective: "Get out of the way and let them complete the purchase.",
    opportunities: [
      "Keep checkout distraction-free: hide navigation, promotions and pop-ups for this segment.",
      "Prefill known details and offer express payment methods to shorten the steps.",
      "Show a clear progress indicator and order summary throughout checkout.",
    ],
    exampleExperiment: {
      hypothesis:
        "Offering express payment options at the top of checkout will increase completion among focused buyers.",
      treatment:
        "Show available express payment buttons (e.g. wallet payments) above the address form.",
      metric: "Checkout completion rate (purchases per checkout start).",
    },
  },
  "struggling-buyers": {
    id: "struggling-buyers",
    name: "Struggling Buyers",
    meaning:
      "Convert phase, Struggle state: in checkout but meeting frustration, such as form or payment errors, rage clicks, error clicks or back-and-forth between steps.",
    objective: "Remove checkout friction and reassure them so the sale closes.",
    opportunities: [
      "Reassure on delivery dates, costs and returns next to the pay button.",
      "Simplify the form: inline validation, fewer fields, address lookup and a guest checkout option.",
      "Offer live help (chat or phone) when errors repeat in checkout.",
      "Surface the accepted payment methods early and explain payment failures clearly.",
      "Review the checkout errors and fields with the most frustration signals and fix them.",
    ],
    exampleExperiment: {
      hypothesis:
        "Struggling buyers will complete checkout more often if delivery and returns reassurance and live help appear near the pay button after a frustration signal.",
      treatment:
        "After a form error or rage click in checkout, show a panel beside the pay button with delivery date, returns policy and a live chat link.",
      metric: "Checkout completion rate among sessions in the segment.",
    },
  },
  "abandoning-buyers": {
    id: "abandoning-buyers",
    name: "Abandoning Buyers",
    meaning:
      "Convert phase, Abandon state: started checkout but are now idle, hiding the tab, showing exit intent or at very high exit risk, without purchasing.",
    objective: "Bring them back to finish checkout, in-session or by follow-up.",
    opportunities: [
      "On exit intent, show a short message confirming delivery date, costs and returns, with a 'Complete my order' button.",
      "Save checkout progress so returning to the tab or site resumes where they left off.",
      "Send a checkout-abandonment email or message when an email address has been captured.",
      "Analyse the checkout step where abandonment happens most (often delivery costs or account creation) and address it.",
    ],
    exampleExperiment: {
      hypothesis:
        "Reassuring abandoning buyers about total cost and returns on exit intent will increase checkout completion.",
      treatment:
        "Exit-intent overlay in checkout showing the order total including delivery, the returns policy and a 'Complete my order' button.",
      metric: "Checkout completion rate (with 24-hour recovered purchases as secondary).",
    },
  },
  converted: {
    id: "converted",
    name: "Converted Customers",
    meaning:
      "Converted phase: a purchase has been recorded in this session, whatever the behaviour state.",
    objective:
      "Turn the purchase into a lasting relationship: retention, repeat purchase and advocacy.",
    opportunities: [
      "Make the confirmation page useful: delivery date, order tracking and account creation with one click.",
      "Offer relevant cross-sells (accessories, refills, complementary items) on the confirmation page and in follow-up emails.",
      "Ask for a review after delivery and encourage photo reviews.",
      "Invite them to a loyalty or referral programme and time replenishment reminders to the product.",
      "Watch for post-purchase frustration (e.g. errors on tracking or account pages) and fix it.",
    ],
    exampleExperiment: {
      hypothesis:
        "Showing complementary products on the order confirmation page will increase repeat purchases within 30 days.",
      treatment:
        "Add a 'Complete your purchase' module with items frequently bought with the ordered products to the confirmation page.",
      metric: "Share of converted customers with another purchase within 30 days.",
    },
  },
};
