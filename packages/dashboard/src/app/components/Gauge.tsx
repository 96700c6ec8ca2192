/** The IPS gauge: a half dial 0–100 with its five bands, a needle and the score with its band. */

/** Arc colours, and darker text colours that keep 4.5:1 on white. */
const BANDS = [
  { from: 0, to: 20, label: "Very Poor", color: "#c62828", text: "#a31515" },
  { from: 20, to: 40, label: "Poor", color: "#ef6c00", text: "#a04000" },
  { from: 40, to: 60, label: "Fair", color: "#f9a825", text: "#755400" },
  { from: 60, to: 80, label: "Good", color: "#7cb342", text: "#3b6614" },
  { from: 80, to: 100, label: "Excellent", color: "#2e7d32", text: "#1d6322" },
];

const CX = 110;
const CY = 110;
const R = 90;

function point(v: number, r: number): [number, number] {
  const a = Math.PI * (1 - v / 100);
  return [CX + r * Math.cos(a), CY - r * Math.sin(a)];
}

function arc(from: number, to: number): string {
  const [x1, y1] = point(from, R);
  const [x2, y2] = point(to, R);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${R} ${R} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

export function bandOf(score: number) {
  return BANDS[Math.min(4, Math.max(0, Math.floor(score / 20)))]!;
}

export function Gauge({ score, label }: { score: number | null; label: string }) {
  const band = score === null ? null : bandOf(score);
  const text = score === null ? "no data" : `${Math.round(score)} of 100, ${band!.label}`;
  const [nx, ny] = point(score ?? 0, R - 18);
  return (
    <figure className="gauge">
      <svg viewBox="0 0 220 130" role="img" aria-label={`${label}: ${text}`}>
        {BANDS.map((b) => (
          <path
            key={b.label}
            d={arc(b.from + 0.6, b.to - 0.6)}
            stroke={b.color}
            className="gauge-band"
          />
        ))}
        {score !== null && (
          <>
            <line x1={CX} y1={CY} x2={nx} y2={ny} className="gauge-needle" />
            <circle cx={CX} cy={CY} r={6} className="gauge-hub" />
          </>
        )}
        <text x={12} y={126} className="gauge-tick">
          0
        </text>
        <text x={196} y={126} className="gauge-tick">
          100
        </text>
      </svg>
      <figcaption>
        <span className="gauge-value" data-testid="ips-value">
          {score === null ? "—" : Math.round(score)}
        </span>
        <span className="gauge-band-label" style={band ? { color: band.text } : undefined}>
          {band?.label ?? "No data"}
        </span>
      </figcaption>
    </figure>
  );
}
