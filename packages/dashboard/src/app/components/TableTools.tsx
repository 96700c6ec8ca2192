/**
 * Export and share for every report table (issue 20, item 13): "Download CSV" saves what the
 * table shows (read from the rendered table, so the file and the page never differ; a cell's
 * `data-csv` attribute, when set, gives its raw value; screen-reader-only text is left out), and
 * "Copy link" copies the page's address — its period included — with an anchor to the table,
 * which scrolls into view when the link is opened.
 */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { type Cell, fileSlug, toCsv } from "../lib/csv.ts";
import { copyText } from "./Copy.tsx";

/** The rows of a rendered table as cells: headers first, hidden helper text left out. */
export function tableCells(table: HTMLTableElement): Cell[][] {
  return [...table.rows].map((tr) =>
    [...tr.cells].map((cell) => {
      const raw = cell.getAttribute("data-csv");
      if (raw !== null) return raw;
      const copy = cell.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll(".sr-only, [aria-hidden='true']")) hidden.remove();
      return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
    }),
  );
}

function download(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${fileSlug(name)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function TableTools(props: {
  /** What the table is, for the file name and the buttons' accessible names. */
  name: string;
  /** The anchor of the shared link; from the name when not given (unique on its page). */
  id?: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [said, setSaid] = useState("");
  const id = props.id ?? `table-${fileSlug(props.name)}`;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Opened from a shared link: bring the table into view once it is rendered.
  useEffect(() => {
    if (window.location.hash === `#${id}`) box.current?.scrollIntoView();
  }, [id]);

  const say = (s: string) => {
    setSaid(s);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(""), 2500);
  };
  const csv = () => {
    const table = box.current?.querySelector("table");
    if (!table) return;
    download(props.name, toCsv(tableCells(table)));
    say("CSV downloaded");
  };
  const link = async () => {
    const { origin, pathname, search } = window.location;
    const ok = await copyText(`${origin}${pathname}${search}#${id}`);
    say(ok ? "Link copied" : "Could not copy the link");
  };

  return (
    <div className="table-tools-box" id={id} ref={box} data-testid="table-tools">
      <div className="table-tools">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Download CSV: ${props.name}`}
          onClick={csv}
        >
          Download CSV
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Copy link: ${props.name}`}
          onClick={() => void link()}
        >
          Copy link
        </button>
        <span role="status" aria-live="polite" className="copy-status">
          {said}
        </span>
      </div>
      {props.children}
    </div>
  );
}
