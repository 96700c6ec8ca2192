/**
 * Line charts with uPlot (canvas, fast with many points), sized to their container, with the same
 * data as a table under a disclosure for keyboard and screen-reader users.
 */
import { useEffect, useId, useRef, useState } from "react";
import uPlot from "uplot";
import { TableTools } from "./TableTools.tsx";

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** "y" (left axis, default) or "y2" (right axis). */
  scale?: "y" | "y2";
  format?: (v: number) => string;
  dash?: number[];
}

export interface LineChartProps {
  title: string;
  /** x values: epoch seconds for time charts, plain numbers otherwise. */
  x: number[];
  xLabel: string;
  xFormat?: (v: number) => string;
  series: ChartSeries[];
  time?: boolean;
  /**
   * Time ticks in UTC: for x values that are dates (a site's local dates as UTC midnights),
   * so that the browser's own zone does not move them to the day before.
   */
  utc?: boolean;
  height?: number;
  yRange?: [number, number];
  points?: boolean;
}

const AXIS = {
  stroke: "#3d4a5c",
  grid: { stroke: "#e6e9ef", width: 1 },
  ticks: { stroke: "#c9ced8" },
};

function options(p: LineChartProps, width: number): uPlot.Options {
  const fmtOf = (scale: string) => p.series.find((s) => (s.scale ?? "y") === scale)?.format;
  const yFmt = fmtOf("y");
  const y2Fmt = fmtOf("y2");
  const hasY2 = p.series.some((s) => s.scale === "y2");
  return {
    width,
    height: p.height ?? 220,
    ...(p.utc ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC") } : {}),
    scales: {
      x: { time: p.time ?? false },
      y: p.yRange ? { range: p.yRange } : {},
      ...(hasY2 ? { y2: {} } : {}),
    },
    axes: [
      {
        ...AXIS,
        ...(p.xFormat ? { values: (_u: uPlot, t: number[]) => t.map((v) => p.xFormat!(v)) } : {}),
      },
      {
        ...AXIS,
        scale: "y",
        size: 70,
        ...(yFmt ? { values: (_u: uPlot, t: number[]) => t.map((v) => yFmt(v)) } : {}),
      },
      ...(hasY2
        ? [
            {
              ...AXIS,
              scale: "y2",
              side: 1,
              size: 70,
              grid: { show: false },
              ...(y2Fmt ? { values: (_u: uPlot, t: number[]) => t.map((v) => y2Fmt(v)) } : {}),
            },
          ]
        : []),
    ],
    series: [
      {
        label: p.xLabel,
        value: (_u: uPlot, v: number | null) =>
          v === null || v === undefined ? "—" : p.xFormat ? p.xFormat(v) : String(v),
      },
      ...p.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        scale: s.scale ?? "y",
        ...(s.dash ? { dash: s.dash } : {}),
        points: { show: p.points ?? p.x.length <= 31, size: 6, fill: s.color },
        spanGaps: false,
        value: (_u: uPlot, v: number | null) =>
          v === null || v === undefined ? "—" : s.format ? s.format(v) : String(v),
      })),
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
  };
}

export function LineChart(p: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const captionId = useId();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    ro.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => ro.disconnect();
  }, []);

  // Rebuilt only when the data or the width change, not on every render of the parent.
  const latest = useRef(p);
  latest.current = p;
  const key = JSON.stringify([p.title, p.x, p.series.map((s) => [s.label, s.values])]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the props' data
  useEffect(() => {
    const el = box.current;
    if (!el || width < 50) return;
    const q = latest.current;
    const data = [q.x, ...q.series.map((s) => s.values)] as uPlot.AlignedData;
    const chart = new uPlot(options(q, width), data, el);
    return () => chart.destroy();
  }, [key, width]);

  const fx = p.xFormat ?? ((v: number) => String(v));
  const summary = p.series.map((s) => s.label).join(", ");
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-title">
        {p.title}
      </figcaption>
      <div
        ref={box}
        className="chart-canvas"
        role="img"
        aria-label={`${p.title}: ${summary} by ${p.xLabel}`}
      />
      <TableTools name={p.title}>
        <details className="chart-data">
          <summary>Show the data as a table</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{p.xLabel}</th>
                  {p.series.map((s) => (
                    <th scope="col" key={s.label}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.x.map((x, i) => (
                  <tr key={x}>
                    <th scope="row">{fx(x)}</th>
                    {p.series.map((s) => {
                      const v = s.values[i];
                      return (
                        <td key={s.label} className="num">
                          {v === null || v === undefined ? "—" : s.format ? s.format(v) : v}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </TableTools>
    </figure>
  );
}
