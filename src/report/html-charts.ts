// The HTML report's two charts, as inline SVG written here (a charting library weighs megabytes for two
// charts): flagged exposure by entity, and the entities' listing dates against the as-of date. Each chart
// is an image to assistive technology (role="img", <title>, <desc>), reads without colour (solid, hatched
// and dashed, circles and squares), and carries its figures as data attributes for the browser test.

import { exposureCents } from '../exposure/aggregate.js';
import type { ScreenResult } from '../model.js';
import { barValueText, entityChartText, notAddedUpOf, shareText, timelineText, unknownBoxText, type NotAddedUp } from './finding-text.js';
import { htmlText } from './format.js';

/** One entity's flagged exposure, split by how it is held; values in currency, summed in cents. */
export interface EntityBar {
  readonly id: string;
  readonly name: string;
  /** Known flagged value held directly, and through funds. */
  readonly direct: number;
  readonly indirect: number;
  /** Flagged findings of unknown value. */
  readonly unknown: number;
  readonly findings: number;
  /** Share of the portfolio; null when the value or the portfolio value is unknown. */
  readonly share: number | null;
  /** The screen's values are in several currencies, not added up: its "unknown" values are not unknown, only not summed. */
  readonly notAddedUp: NotAddedUp | null;
}

/** The bars of the entity chart, in the summary's order (largest known value first). */
export function entityBars(result: ScreenResult): EntityBar[] {
  const base = result.summary.grossPortfolioValue;
  const notAddedUp = notAddedUpOf(result.summary);
  return result.summary.byEntity.map((e) => {
    const flagged = result.findings.filter((f) => f.status === 'flagged' && f.match.target.entityId === e.id);
    const cents = (kind: 'direct' | 'indirect'): number =>
      flagged.filter((f) => f.kind === kind).reduce((sum, f) => sum + exposureCents(f.exposure.value), 0);
    return {
      id: e.id,
      name: e.name,
      direct: cents('direct') / 100,
      indirect: cents('indirect') / 100,
      unknown: e.unknownValue,
      findings: e.findings,
      share: e.value === null || base === null || base === 0 ? null : e.value / base,
      notAddedUp,
    };
  });
}

const WIDTH = 720;
/** The widest a bar gets (the largest entity's known value), leaving room for a dashed unknown box. */
const BAR_WIDTH = 620;
const UNKNOWN_BOX = 64;
/** Room for "not added up" in the dashed box. */
const NOT_ADDED_UP_BOX = 84;
const ROW = 46;
const LEGEND = 34;

/** A number for an SVG attribute: at most two decimals, no exponent. */
function n(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function svgOpen(id: string, height: number, title: string, desc: string, className: string): string {
  return (
    `<svg class="chart ${className}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${n(height)}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${htmlText(title)}</title><desc id="${id}-desc">${htmlText(desc)}</desc>`
  );
}

/** Horizontal bars of flagged value per entity: direct solid, through funds hatched, unknown a dashed box. */
export function entityChart(bars: readonly EntityBar[], title: string): string {
  const largest = Math.max(0, ...bars.map((b) => b.direct + b.indirect));
  const scale = (v: number): number => (largest === 0 ? 0 : (v / largest) * BAR_WIDTH);
  const height = LEGEND + bars.length * ROW + 6;
  const notAddedUp = bars.find((b) => b.notAddedUp !== null)?.notAddedUp ?? null;
  const words = unknownBoxText(notAddedUp);
  const boxWidth = notAddedUp !== null ? NOT_ADDED_UP_BOX : UNKNOWN_BOX;
  const out = [
    svgOpen('entity-chart', height, title, entityChartText(bars), 'entity-chart'),
    '<defs><pattern id="hatch-indirect" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" class="hatch-ground"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>',
    '<g class="legend" aria-hidden="true">' +
      '<rect x="0" y="6" width="14" height="14" class="bar-direct"/><text x="20" y="18">held directly</text>' +
      '<rect x="130" y="6" width="14" height="14" class="bar-indirect" fill="url(#hatch-indirect)"/><text x="150" y="18">held through funds</text>' +
      `<rect x="290" y="6" width="14" height="14" class="bar-unknown"/><text x="310" y="18">${htmlText(words.legend)}</text></g>`,
  ];
  bars.forEach((b, i) => {
    const y = LEGEND + i * ROW;
    const direct = scale(b.direct);
    const indirect = scale(b.indirect);
    const end = direct + indirect;
    const parts = [
      `<g class="entity-bar" data-entity="${htmlText(b.id)}" data-name="${htmlText(b.name)}" data-value="${n(b.direct + b.indirect)}" ` +
        `data-direct="${n(b.direct)}" data-indirect="${n(b.indirect)}" data-unknown="${b.unknown}" data-share="${b.share === null ? '' : String(b.share)}">`,
      `<text x="0" y="${n(y + 13)}" class="bar-name">${htmlText(b.name)}</text>`,
    ];
    if (b.direct > 0)
      parts.push(`<rect x="0" y="${n(y + 19)}" width="${n(direct)}" height="18" class="bar-direct" data-value="${n(b.direct)}"/>`);
    if (b.indirect > 0)
      parts.push(
        `<rect x="${n(direct)}" y="${n(y + 19)}" width="${n(indirect)}" height="18" class="bar-indirect" fill="url(#hatch-indirect)" data-value="${n(b.indirect)}"/>`,
      );
    if (b.unknown > 0) {
      const x = end + (end > 0 ? 4 : 0);
      parts.push(
        `<rect x="${n(x)}" y="${n(y + 19)}" width="${boxWidth}" height="18" class="bar-unknown" data-unknown="${b.unknown}"/>` +
          `<text x="${n(x + boxWidth / 2)}" y="${n(y + 32)}" class="bar-unknown-label" text-anchor="middle">${htmlText(words.box)}</text>`,
      );
    }
    const label = `${barValueText(b)} · ${shareText(b.share)}`;
    parts.push(`<text x="${WIDTH}" y="${n(y + 13)}" text-anchor="end" class="bar-label">${htmlText(label)}</text></g>`);
    out.push(parts.join(''));
  });
  out.push('</svg>');
  return out.join('');
}

/** One entity's listings, for the timeline. */
export interface TimelineRow {
  readonly id: string;
  readonly name: string;
  readonly listings: readonly { readonly list: string; readonly date: string; readonly primary: boolean; readonly ended: string | null }[];
}

/** Every entity a finding names (any status), with its listings, in the order they are first found. */
export function timelineRows(result: ScreenResult): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const f of result.findings) {
    const id = f.match.target.entityId;
    if (rows.has(id)) continue;
    const listings = (f.listings ?? []).map((l) => ({ list: l.list, date: l.effective ?? l.date, primary: l.primary, ended: l.ended }));
    rows.set(id, {
      id,
      name: f.match.target.entityName,
      listings: [...listings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    });
  }
  return [...rows.values()];
}

const LABELS = 270;
const AXIS_END = WIDTH - 16;
const LINE = 28;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** The listing dates of each entity on a time axis, with the as-of date as a vertical line. */
export function timelineChart(rows: readonly TimelineRow[], asOf: string, title: string): string {
  const dates = [asOf, ...rows.flatMap((r) => r.listings.map((l) => l.date))];
  const first = Number(dates.reduce((a, b) => (a < b ? a : b)).slice(0, 4));
  const last = Number(dates.reduce((a, b) => (a > b ? a : b)).slice(0, 4)) + 1;
  const t0 = dayNumber(`${first}-01-01`);
  const t1 = dayNumber(`${last}-01-01`);
  const x = (date: string): number => LABELS + ((dayNumber(date) - t0) / (t1 - t0)) * (AXIS_END - LABELS);
  const top = 30;
  const height = top + rows.length * LINE + 30;
  const desc = timelineText(
    asOf,
    rows.map((r) => ({
      name: r.name,
      dates: r.listings.map((l) => `${l.list} ${l.date}${l.ended === null ? '' : ` (ended ${l.ended})`}`),
    })),
  );
  const out = [svgOpen('timeline-chart', height, title, desc, 'timeline-chart')];
  const step = last - first > 12 ? 2 : 1;
  const axisY = top + rows.length * LINE + 4;
  out.push(`<line x1="${LABELS}" y1="${n(axisY)}" x2="${AXIS_END}" y2="${n(axisY)}" class="axis"/>`);
  for (let year = first; year <= last; year += step) {
    const xi = x(`${year}-01-01`);
    out.push(
      `<line x1="${n(xi)}" y1="${top - 6}" x2="${n(xi)}" y2="${n(axisY + 4)}" class="tick"/>` +
        `<text x="${n(xi)}" y="${n(axisY + 18)}" text-anchor="middle" class="tick-label">${year}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const row = top + i * LINE + LINE / 2;
    // Listings a few days apart would hide one another: each one too close to the one before moves up or down.
    let previous = Number.NEGATIVE_INFINITY;
    let shift = 0;
    const marks = r.listings.map((l) => {
      const xi = x(l.date);
      shift = xi - previous < 11 ? (shift <= 0 ? 6 : -6) : 0;
      previous = xi;
      const y = row + shift;
      const data = `data-entity="${htmlText(r.id)}" data-list="${htmlText(l.list)}" data-date="${htmlText(l.date)}"`;
      const tip = `<title>${htmlText(`${r.name}: ${l.list} ${l.date}${l.ended === null ? '' : `, ended ${l.ended}`}`)}</title>`;
      return l.primary
        ? `<circle cx="${n(xi)}" cy="${n(y)}" r="6" class="mark-primary${l.ended === null ? '' : ' mark-ended'}" ${data}>${tip}</circle>`
        : `<rect x="${n(xi - 4.5)}" y="${n(y - 4.5)}" width="9" height="9" class="mark-other${l.ended === null ? '' : ' mark-ended'}" ${data}>${tip}</rect>`;
    });
    out.push(
      `<g class="timeline-row" data-entity="${htmlText(r.id)}"><line x1="${LABELS}" y1="${n(row)}" x2="${AXIS_END}" y2="${n(row)}" class="row-line"/>` +
        `<text x="0" y="${n(row + 4)}" class="row-name">${htmlText(r.name)}</text>${marks.join('')}</g>`,
    );
  });
  const ax = x(asOf);
  out.push(
    `<g class="as-of" data-date="${htmlText(asOf)}"><line x1="${n(ax)}" y1="${top - 10}" x2="${n(ax)}" y2="${n(axisY)}" class="as-of-line"/>` +
      `<text x="${n(Math.min(ax, AXIS_END - 60))}" y="${top - 14}" text-anchor="middle" class="as-of-label">as of ${htmlText(asOf)}</text></g>`,
  );
  out.push('</svg>');
  return out.join('');
}
