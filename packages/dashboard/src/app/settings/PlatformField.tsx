/**
 * The shop's platform (issue 19): page views are typed by its URL layout (the engine's one table,
 * context/page-types.ts). Keyed by the store's SitePlatform, so a new platform cannot lack a label.
 */
import type { SitePlatform } from "@intently/store";
import { useId } from "react";

export const PLATFORM_LABELS: Record<SitePlatform, string> = {
  auto: "Detect (every platform's unambiguous URLs)",
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  magento: "Magento / Adobe Commerce",
  bigcommerce: "BigCommerce",
  sfcc: "Salesforce Commerce Cloud",
  custom: "Custom (the pages send their own type)",
};

export function PlatformField(props: { defaultValue?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Shop platform</label>
      <select
        id={id}
        name="platform"
        defaultValue={props.defaultValue ?? "auto"}
        aria-describedby={`${id}-hint`}
      >
        {Object.entries(PLATFORM_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <span className="hint" id={`${id}-hint`}>
        Pages are typed (product, category, checkout, confirmation …) from its URL layout. Magento's
        .html product pages are recognised only when Magento is chosen.
      </span>
    </div>
  );
}
