/** A small inline line of a score over time (values 0–1). */

export function Sparkline(props: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const w = props.width ?? 120;
  const h = props.height ?? 28;
  const v = props.values;
  if (v.length === 0) return <span className="muted">—</span>;
  const pts = (v.length === 1 ? [v[0]!, v[0]!] : v).map((y, i, all) => {
    const x = (i / (all.length - 1)) * (w - 4) + 2;
    return `${x.toFixed(1)},${(h - 2 - Math.min(1, Math.max(0, y)) * (h - 4)).toFixed(1)}`;
  });
  const first = v[0]!;
  const last = v[v.length - 1]!;
  const desc = `${props.label} from ${(first * 100).toFixed(1)} % to ${(last * 100).toFixed(1)} %`;
  return (
    <svg
      className="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={desc}
    >
      <polyline points={pts.join(" ")} />
    </svg>
  );
}
