/**
 * A tiny inline SVG trend of one vascular measure over time, with the guideline bands drawn behind it.
 *
 * Why hand-drawn SVG: a chart library would cost more first-load JavaScript than the whole workspace, and the
 * clinician needs only "where is it now, where was it, which band". The band cut-offs come from the engine's
 * reviewed thresholds, so the picture and the interpretation can never disagree.
 */
import { ABI, CLTI, TBI_ABNORMAL_MAX } from '../engine/thresholds';
import { formatDate } from '../engine/format';
import { DAY_MS } from '../core/time';

export interface TrendPoint {
  readonly date: string;
  readonly value: number;
}

interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly className: string;
}

const W = 240;
const H = 96;
const PAD_L = 26;
const PAD_R = 66;
const PAD_T = 6;
const PAD_B = 16;

function bandsFor(kind: 'abi' | 'tbi', top: number): Band[] {
  if (kind === 'abi') {
    return [
      { from: 0, to: ABI.abnormalMax, label: 'abnormal', className: 'band-abnormal' },
      { from: ABI.abnormalMax, to: ABI.borderlineMax, label: 'borderline', className: 'band-borderline' },
      { from: ABI.borderlineMax, to: ABI.normalMax, label: 'normal', className: 'band-normal' },
      { from: ABI.normalMax, to: top, label: 'noncompress.', className: 'band-noncompressible' },
    ];
  }
  return [
    { from: 0, to: TBI_ABNORMAL_MAX, label: 'abnormal', className: 'band-abnormal' },
    { from: TBI_ABNORMAL_MAX, to: top, label: 'normal', className: 'band-normal' },
  ];
}

function dayNumber(iso: string): number {
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(t) ? t / DAY_MS : 0;
}

export function TrendChart({
  kind,
  points,
  title,
}: {
  kind: 'abi' | 'tbi';
  points: readonly TrendPoint[];
  title: string;
}) {
  const sorted = [...points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const maxValue = Math.max(...sorted.map((p) => p.value), 0);
  const top = kind === 'abi' ? Math.max(1.6, Math.ceil((maxValue + 0.1) * 10) / 10) : Math.max(1.2, maxValue + 0.1);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const t0 = first ? dayNumber(first.date) : 0;
  const t1 = last ? dayNumber(last.date) : 1;
  const span = Math.max(t1 - t0, 1);
  const plotW = W - PAD_L - PAD_R;
  const plotH = H - PAD_T - PAD_B;
  const x = (iso: string) => (sorted.length === 1 ? PAD_L + plotW / 2 : PAD_L + ((dayNumber(iso) - t0) / span) * plotW);
  const y = (v: number) => PAD_T + plotH - (Math.min(v, top) / top) * plotH;
  const bands = bandsFor(kind, top);
  // The abnormal band's label sits in its upper part, clear of the CLTI line's own label.
  const labelY = (b: Band) =>
    b.className === 'band-abnormal' && kind === 'abi'
      ? y((CLTI.abiBelow + ABI.abnormalMax) / 2) + 3
      : (y(b.from) + y(b.to)) / 2 + 3;
  const summary = sorted.map((p) => `${p.value.toFixed(2)} on ${formatDate(p.date)}`).join(', ');
  const label = `${title}: ${sorted.length} result${sorted.length === 1 ? '' : 's'}, ${summary}.`;

  return (
    <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      {bands.map((b) => (
        <g key={b.label}>
          <rect className={b.className} x={PAD_L} width={plotW} y={y(b.to)} height={Math.max(y(b.from) - y(b.to), 0)} />
          <text className="band-label" x={W - PAD_R + 4} y={labelY(b)}>
            {b.label}
          </text>
        </g>
      ))}
      {kind === 'abi' ? (
        <g>
          <line className="clti-line" x1={PAD_L} x2={PAD_L + plotW} y1={y(CLTI.abiBelow)} y2={y(CLTI.abiBelow)} />
          <text className="band-label band-label-clti" x={W - PAD_R + 4} y={y(CLTI.abiBelow) + 9}>
            CLTI &lt;{CLTI.abiBelow.toFixed(2)}
          </text>
        </g>
      ) : null}
      {[0, kind === 'abi' ? ABI.abnormalMax : TBI_ABNORMAL_MAX, kind === 'abi' ? ABI.normalMax : 1].map((v) => (
        <text key={v} className="axis-label" x={PAD_L - 3} y={y(v) + 3} textAnchor="end">
          {v.toFixed(v === 0 ? 0 : 1)}
        </text>
      ))}
      {sorted.length > 1 ? (
        <polyline className="trend-line" points={sorted.map((p) => `${x(p.date)},${y(p.value)}`).join(' ')} />
      ) : null}
      {sorted.map((p, i) => (
        <circle
          key={`${p.date}-${i}`}
          className="trend-point"
          cx={x(p.date)}
          cy={y(p.value)}
          r={i === sorted.length - 1 ? 3.5 : 2.5}
        />
      ))}
      {first ? (
        <text className="axis-label" x={PAD_L} y={H - 3}>
          {formatDate(first.date).replace(/^\d+ /, '')}
        </text>
      ) : null}
      {last && sorted.length > 1 ? (
        <text className="axis-label" x={PAD_L + plotW} y={H - 3} textAnchor="end">
          {formatDate(last.date).replace(/^\d+ /, '')}
        </text>
      ) : null}
    </svg>
  );
}
