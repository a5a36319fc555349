/**
 * A check's latency over time (uPlot): one line per vantage point, failed probes as marks on the
 * time axis. Sized to its box, redrawn when the box changes width.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { dateTime } from '../format.ts';
import type { Lang, T } from '../i18n.ts';
import type { CheckResult } from '../types.ts';

/** Okabe–Ito, in an order where neighbours differ in lightness too. */
const LINES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'];
const FAILED = '#b83d00';

function series(results: readonly CheckResult[]): { vantages: string[]; data: uPlot.AlignedData } {
  const vantages = [...new Set(results.map((r) => r.vantage))].sort();
  const times = [...new Set(results.map((r) => Math.round(r.at) / 1000))].sort((a, b) => a - b);
  const index = new Map(times.map((x, i) => [x, i]));
  const lines = vantages.map(() => new Array<number | null>(times.length).fill(null));
  const failed = new Array<number | null>(times.length).fill(null);
  const col = new Map(vantages.map((v, i) => [v, i]));
  for (const r of results) {
    const i = index.get(Math.round(r.at) / 1000)!;
    if (r.ok) lines[col.get(r.vantage)!]![i] = r.latencyMs;
    else failed[i] = 0;
  }
  return { vantages, data: [times, ...lines, failed] as uPlot.AlignedData };
}

export function LatencyChart({
  results,
  label,
  t,
  lang,
}: {
  results: readonly CheckResult[];
  label: string;
  t: T;
  lang: Lang;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { vantages, data } = series(results);
    // Seconds on the time axis when the window is short (15 minutes), else hours and minutes.
    const span = Number(data[0].at(-1) ?? 0) - Number(data[0][0] ?? 0);
    const clock = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      ...(span < 30 * 60 ? { second: '2-digit' } : {}),
    });
    const width = () => Math.max(240, el.clientWidth);
    const opts: uPlot.Options = {
      width: width(),
      height: 200,
      title: label,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] } },
      axes: [
        { values: (_u, ticks) => ticks.map((ts) => clock.format(ts * 1000)) },
        { label: t('dash.latency'), values: (_u, ticks) => ticks.map((v) => `${v} ms`), size: 64 },
      ],
      series: [
        {
          label: t('dash.at'),
          value: (_u: uPlot, ts: number | null) => (ts == null ? '–' : dateTime(lang, ts * 1000)),
        },
        ...vantages.map((v, i) => ({
          label: v,
          stroke: LINES[i % LINES.length]!,
          width: 2,
          spanGaps: false,
          value: (_u: uPlot, v2: number | null) =>
            v2 == null ? '–' : t('dash.latencyMs', { ms: Math.round(v2) }),
        })),
        {
          label: t('dash.failures'),
          stroke: FAILED,
          width: 0,
          paths: () => null,
          points: { show: true, size: 9, stroke: FAILED, fill: FAILED },
          value: (_u: uPlot, v2: number | null) => (v2 == null ? '–' : '✕'),
        },
      ],
    };
    const plot = new uPlot(opts, data, el);
    const seen = new ResizeObserver(() => plot.setSize({ width: width(), height: 200 }));
    seen.observe(el);
    return () => {
      seen.disconnect();
      plot.destroy();
    };
  }, [results, label, lang, t]);
  return <div class="chart" ref={box} />;
}
