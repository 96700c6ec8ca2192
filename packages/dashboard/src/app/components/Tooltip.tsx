/**
 * An explained figure (issue 20, item 8): an "i" button next to a figure's label that shows the
 * metric's formula and source from @intently/api-contract/metrics (the texts the API's schemas
 * use too). Accessible: the button is in the tab order, the text is its aria-describedby
 * (read even while hidden), it opens on hover and on focus, a tap or Enter toggles it (touch
 * has no hover), Escape and leaving close it. Placed `fixed` inside the viewport, so that
 * it never widens the page on a phone.
 */
import { METRICS, type MetricId } from "@intently/api-contract/metrics";
import { type CSSProperties, useId, useLayoutEffect, useRef, useState } from "react";
import "../styles/tooltip.css";

const MARGIN = 8;

export function Tooltip(props: { metric: MetricId; note?: string }) {
  const m = METRICS[props.metric];
  const id = useId();
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const button = useRef<HTMLButtonElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  // Whether it was open when the pointer went down (a tap also focuses, which opens it).
  const openAtPointer = useRef<boolean | null>(null);

  // Placed below the button (above when there is no room), inside the viewport; placed again
  // when the page scrolls or resizes (focusing a button below the fold scrolls it into view).
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (!button.current || !tip.current) return;
      const b = button.current.getBoundingClientRect();
      const t = tip.current.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const left = Math.min(b.left + b.width / 2 - t.width / 2, vw - t.width - MARGIN);
      const below = b.bottom + 6;
      const room = below + t.height <= window.innerHeight || b.top < t.height + 6;
      setPlace({ left: Math.max(MARGIN, left), top: room ? below : b.top - t.height - 6 });
    };
    place();
    window.addEventListener("scroll", place, { capture: true, passive: true });
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, { capture: true });
      window.removeEventListener("resize", place);
    };
  }, [open]);

  return (
    <span className="tip">
      <button
        ref={button}
        type="button"
        className="tip-button"
        aria-label={`About ${m.label}`}
        aria-describedby={id}
        data-testid={`tip-${props.metric}`}
        onPointerDown={() => {
          openAtPointer.current = open;
        }}
        onClick={() => {
          const was = openAtPointer.current;
          openAtPointer.current = null;
          setOpen(was === null ? !open : !was);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => {
          if (document.activeElement !== button.current) setOpen(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
      >
        <span aria-hidden="true">i</span>
      </button>
      <span
        ref={tip}
        id={id}
        role="tooltip"
        className="tip-text"
        hidden={!open}
        style={open ? place : undefined}
      >
        <strong>{m.label}.</strong> {m.formula}
        {props.note ? ` ${props.note}` : ""} <span className="tip-source">Source: {m.source}</span>
      </span>
    </span>
  );
}

/** A figure's label with its tooltip. */
export function Explained(props: { metric: MetricId; label?: string; note?: string }) {
  return (
    <>
      {props.label ?? METRICS[props.metric].label}
      <Tooltip metric={props.metric} {...(props.note ? { note: props.note } : {})} />
    </>
  );
}
