// The dashboard's two charts, in one chunk fetched on first use: they take formatters as props, so this chunk
// needs nothing of the dashboard's own and the dashboard chunk stays a plain module.
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { Area, LinePath } from "@visx/shape";
import { useEffect, useRef, useState } from "react";
import type { Drivers, Trend } from "../analytics-queries";

// The width a chart has to draw in, followed as the window or the layout changes.

function useWidth<T extends HTMLElement>(initial = 320) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || initial);
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.round(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [initial]);
  return [ref, width] as const;
}


type Point = Trend["points"][number];
const trendMargin = { top: 20, right: 16, bottom: 36, left: 48 };

/** The value axis: the data and its intervals, never beyond what the metric can take. */
function yDomain(points: Point[], limits: [number, number]): [number, number] {
  const ys = points.flatMap((p) => (p.n > 0 && p.value !== null ? [p.value, ...(p.ci95 ?? [])] : []));
  if (!ys.length) return limits;
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  return [Math.max(limits[0], lo), Math.min(limits[1], hi)];
}

type TrendProps = {
  trend: Trend;
  /** The lowest and highest values the metric can take. */
  limits: [number, number];
  formatValue: (v: number) => string;
  formatPeriod: (period: string) => string;
  title: string;
  desc: string;
};

/** The trend: the value as a line, its 95 % interval as a band, periods without answers as gaps, significant moves marked. */
export function TrendChart({ trend, limits, formatValue, formatPeriod, title, desc }: TrendProps) {
  const margin = trendMargin;
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = width < 480 ? 220 : 280;
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const points = trend.points;
  const x = scalePoint({ domain: points.map((p) => p.period), range: [0, innerW], padding: 0.5 });
  const y = scaleLinear({ domain: yDomain(points, limits), range: [innerH, 0], nice: true });
  const px = (p: Point) => x(p.period) ?? 0;
  const answered = (p: Point) => p.n > 0 && p.value !== null;
  // Room for one label every ~70 px; the table carries every period.
  const step = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(innerW / 72))));
  const tickValues = points.filter((_, i) => i % step === 0).map((p) => p.period);

  return (
    <div ref={ref} className="chart" data-testid="trend-chart">
      <svg width={width} height={height} role="img" aria-labelledby="trend-chart-title trend-chart-desc">
        <title id="trend-chart-title">{title}</title>
        <desc id="trend-chart-desc">{desc}</desc>
        <Group left={margin.left} top={margin.top}>
          {y.ticks(5).map((t) => (
            <line key={t} x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="chart-grid" />
          ))}
          <Area<Point>
            data={points}
            x={px}
            y0={(p) => y(p.ci95![0])}
            y1={(p) => y(p.ci95![1])}
            defined={(p) => answered(p) && p.ci95 !== null}
            className="chart-band"
          />
          <LinePath<Point> data={points} x={px} y={(p) => y(p.value ?? 0)} defined={answered} className="chart-line" />
          {points.filter(answered).map((p) => (
            <circle key={p.period} cx={px(p)} cy={y(p.value!)} r={3.5} className="chart-dot" />
          ))}
          {points
            .filter((p) => answered(p) && (p.change === "up" || p.change === "down"))
            .map((p) => {
              const cx = px(p);
              const cy = y(p.value!);
              const up = p.change === "up";
              const d = up ? `M${cx - 6},${cy - 9} L${cx + 6},${cy - 9} L${cx},${cy - 18} Z` : `M${cx - 6},${cy + 9} L${cx + 6},${cy + 9} L${cx},${cy + 18} Z`;
              return <path key={`c-${p.period}`} d={d} className={up ? "chart-up" : "chart-down"} />;
            })}
          <AxisLeft scale={y} numTicks={5} tickFormat={(v) => formatValue(Number(v))} axisClassName="chart-axis" tickLabelProps={() => ({ textAnchor: "end", dx: -4, dy: 4 })} />
          <AxisBottom
            top={innerH}
            scale={x}
            tickValues={tickValues}
            tickFormat={(v) => formatPeriod(String(v))}
            axisClassName="chart-axis"
            tickLabelProps={() => ({ textAnchor: "middle" })}
          />
        </Group>
      </svg>
    </div>
  );
}


type Driver = Drivers["drivers"][number];
type Placed = Driver & { importance: number; performance: number };
const driversMargin = { top: 16, right: 20, bottom: 44, left: 56 };
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const quadrantClass: Record<string, string> = {
  "concentrate here": "q-concentrate",
  "keep up": "q-keep",
  "low priority": "q-low",
  "possible overkill": "q-overkill",
};

/** The importance-performance quadrant: each driver placed by its correlation with the outcome and its mean rating. */
export function DriversChart({ drivers, nameOf, title, desc }: { drivers: Drivers; nameOf: (name: string) => string; title: string; desc: string }) {
  const margin = driversMargin;
  const [ref, width] = useWidth<HTMLDivElement>();
  const height = width < 480 ? 300 : 340;
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const placed = drivers.drivers.filter((d): d is Placed => d.importance !== null && d.performance !== null);
  const inQuadrants = placed.filter((d) => d.quadrant !== null);
  const perf = placed.map((d) => d.performance);
  const imp = placed.map((d) => d.importance);
  const pad = (lo: number, hi: number, by: number): [number, number] => [lo - by, hi + by];
  const x = scaleLinear({ domain: pad(Math.min(...perf), Math.max(...perf), 0.25), range: [0, innerW], nice: true });
  const y = scaleLinear({ domain: pad(Math.min(0, ...imp), Math.max(...imp), 0.08), range: [innerH, 0], nice: true });
  // The server splits at the drivers' average importance and performance; the lines sit where it cut.
  const cutX = x(mean(inQuadrants.map((d) => d.performance)));
  const cutY = y(mean(inQuadrants.map((d) => d.importance)));
  const corner = (text: string, left: boolean, top: boolean) => (
    <text x={left ? 6 : innerW - 6} y={top ? 14 : innerH - 8} textAnchor={left ? "start" : "end"} className="quadrant-label">
      {text}
    </text>
  );

  return (
    <div ref={ref} className="chart" data-testid="drivers-chart">
      <svg width={width} height={height} role="img" aria-labelledby="drivers-chart-title drivers-chart-desc">
        <title id="drivers-chart-title">{title}</title>
        <desc id="drivers-chart-desc">{desc}</desc>
        <Group left={margin.left} top={margin.top}>
          {inQuadrants.length > 0 && (
            <>
              <rect x={0} y={0} width={Math.max(0, cutX)} height={Math.max(0, cutY)} className="quadrant-focus" />
              <line x1={cutX} x2={cutX} y1={0} y2={innerH} className="quadrant-cut" />
              <line x1={0} x2={innerW} y1={cutY} y2={cutY} className="quadrant-cut" />
            </>
          )}
          {corner("Concentrate here", true, true)}
          {corner("Keep up", false, true)}
          {corner("Low priority", true, false)}
          {corner("Possible overkill", false, false)}
          {placed.map((d) => {
            const cx = x(d.performance);
            const cy = y(d.importance);
            const right = cx < innerW * 0.6;
            return (
              <g key={d.metric}>
                <circle cx={cx} cy={cy} r={6} className={`driver-dot ${quadrantClass[d.quadrant ?? ""] ?? ""}`} />
                <text x={right ? cx + 9 : cx - 9} y={cy + 4} textAnchor={right ? "start" : "end"} className="driver-label">
                  {nameOf(d.name)}
                </text>
              </g>
            );
          })}
          <AxisLeft scale={y} numTicks={5} axisClassName="chart-axis" label="Importance (correlation)" labelClassName="axis-label" tickFormat={(v) => Number(v).toFixed(1)} tickLabelProps={() => ({ textAnchor: "end", dx: -4, dy: 4 })} />
          <AxisBottom top={innerH} scale={x} numTicks={width < 480 ? 4 : 6} axisClassName="chart-axis" label="Performance (mean rating)" labelClassName="axis-label" tickFormat={(v) => Number(v).toFixed(1)} tickLabelProps={() => ({ textAnchor: "middle" })} />
        </Group>
      </svg>
    </div>
  );
}
