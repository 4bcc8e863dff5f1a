/**
 * The brief, as a function of its model (utils/exchange/brief.ts): what a partnerships
 * executive reads and forwards. The decision first (the recommendation, how much of it is measured,
 * the top partners with a line of reason each, the chart), then what is listed apart and why, and
 * last what the figures stand on: sample, look-up, method, assumptions and recording rules. Every
 * figure arrives as text from the model, rounded once there; nothing here rounds again.
 */
import type { BriefApart, BriefBar, BriefModel } from '@/utils/exchange/brief';
import { PRESET_NAMES } from '@/utils/figures/cost-model';

const APART_HEADINGS: Record<BriefApart['kind'], string> = {
  'same-category': 'Same category',
  integrated: 'Already integrated',
  'not-a-fit': 'Marked not a fit',
};

export function Brief({ model, onPrint }: { model: BriefModel; onPrint?: () => void }) {
  const kinds = (Object.keys(APART_HEADINGS) as BriefApart['kind'][]).filter((kind) =>
    model.apart.some((a) => a.kind === kind),
  );
  return (
    <article class="brief" data-ready="true" data-ranks={model.ranks}>
      <header>
        <h1>{model.title}</h1>
        <p class="meta">{model.meta}</p>
        {onPrint && (
          <button type="button" class="no-print" onClick={onPrint}>
            Print or save as PDF
          </button>
        )}
      </header>

      <section class="decision" aria-label="Recommendation">
        {model.recommendation && <p class="recommendation">{model.recommendation}</p>}
        {model.lead && <p class="lead">{model.lead}</p>}
        {model.measuredAndEstimated && <p class="headline">{model.measuredAndEstimated}</p>}
      </section>

      {model.top.length > 0 && (
        <section aria-labelledby="brief-top">
          <h2 id="brief-top">{model.topHeading}</h2>
          <ol class="top" aria-labelledby="brief-top">
            {model.top.map((entry) => (
              <li key={entry.key} data-key={entry.key}>
                <strong>{entry.name}</strong>
                {entry.line.slice(entry.name.length)}
              </li>
            ))}
          </ol>
          {model.levels.map((sentence) => (
            <p key={sentence} class="level">
              {sentence}
            </p>
          ))}
          <BriefChart caption={model.chart.caption} bars={model.chart.bars} />
        </section>
      )}

      {(model.next.length > 0 || model.nextRest) && (
        <section aria-labelledby="brief-next">
          <h2 id="brief-next">To evaluate next</h2>
          <ol class="next" start={model.top.length + 1} aria-labelledby="brief-next">
            {model.next.map((entry) => (
              <li key={entry.key} data-key={entry.key}>
                {entry.line}
              </li>
            ))}
          </ol>
          {model.nextRest && <p class="rest">{model.nextRest}</p>}
        </section>
      )}

      {(kinds.length > 0 || model.apartRest) && (
        <section aria-labelledby="brief-apart">
          <h2 id="brief-apart">Listed apart, and why</h2>
          <p class="hint">Not ranked and counted toward no {model.ranks === 'partners' ? 'partner' : 'total'}.</p>
          {kinds.map((kind) => (
            <div key={kind} class="apart-group">
              <h3 id={`brief-apart-${kind}`}>{APART_HEADINGS[kind]}</h3>
              <ul aria-labelledby={`brief-apart-${kind}`}>
                {model.apart
                  .filter((a) => a.kind === kind)
                  .map((a) => (
                    <li key={`${kind} ${a.key} ${a.name}`} data-key={a.key}>
                      {a.line}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          {model.apartRest && <p class="rest">{model.apartRest}</p>}
        </section>
      )}

      {model.integrations.length > 0 && (
        <section aria-labelledby="brief-integrations">
          <h2 id="brief-integrations">Before and after an integration</h2>
          <ul class="integrations" aria-labelledby="brief-integrations">
            {model.integrations.map((i) => (
              <li key={i.key} data-key={i.key} class={i.tooEarly ? 'too-early' : undefined}>
                {i.line}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="appendix">
        <section aria-labelledby="brief-sample">
          <h2 id="brief-sample">The sample</h2>
          {model.sample.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </section>
        <section aria-labelledby="brief-lookup">
          <h2 id="brief-lookup">A quick look-up, measured and charged</h2>
          <p>{model.lookUp}</p>
        </section>
        <section aria-labelledby="brief-method">
          <h2 id="brief-method">Method</h2>
          {model.method.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </section>
        <section aria-labelledby="brief-rules">
          <h2 id="brief-rules">Recording rules, as set</h2>
          <ul class="rules" aria-labelledby="brief-rules">
            {model.rules.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </section>
      </div>
      <section class="appendix-wide" aria-labelledby="brief-assumptions">
        <h2 id="brief-assumptions">Assumptions, in plain words</h2>
        <table class="assumptions" aria-labelledby="brief-assumptions">
          <thead>
            <tr>
              <th scope="col">Assumption</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {model.assumptions.map((a) => (
              <tr key={a.key}>
                <th scope="row">{a.words}</th>
                <td class="value">{a.value}</td>
                <td>{a.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="meta">Aggregates only: no addresses, titles or times of single switches.</p>
    </article>
  );
}

/** Layout of the chart, in the SVG's own units (about CSS pixels at the brief's width). */
const WIDTH = 680;
const ROW = 20;
const BAR = 12;
const LEGEND = 26;
const FONT = 11;
/** A generous width of a character at FONT, to size the label and value columns (fonts differ). */
const CHAR = 7;

/**
 * Hours a year per bar, measured and estimated parts stacked, the Conservative–High range as a
 * line across it; every bar carries its name on the left and its value text on the right. Inline
 * SVG, so it stays sharp in print and its words are text in the PDF.
 */
export function BriefChart({ caption, bars }: { caption: string; bars: readonly BriefBar[] }) {
  if (!bars.length) return null;
  const longest = (texts: string[]) => Math.max(...texts.map((t) => t.length));
  const labelWidth = Math.min(WIDTH * 0.4, Math.max(80, longest(bars.map((b) => b.label)) * CHAR + 8));
  const valueWidth = longest(bars.map((b) => b.value)) * CHAR + 12;
  const plot = WIDTH - labelWidth - valueWidth;
  const max = Math.max(...bars.flatMap((b) => [b.annualHours, b.range[1]])) || 1;
  const x = (hours: number) => labelWidth + (Math.max(0, hours) / max) * plot;
  const height = bars.length * ROW + LEGEND;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="brief-chart-caption"
        font-size={FONT}
        font-family="inherit"
      >
        <defs>
          <pattern
            id="brief-estimated"
            width="5"
            height="5"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="5" height="5" fill="#bfdbfe" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#1d4ed8" stroke-width="1.2" />
          </pattern>
        </defs>
        {bars.map((bar, i) => {
          const middle = i * ROW + ROW / 2;
          const top = middle - BAR / 2;
          // A label longer than its column is squeezed into it: every bar keeps its whole name.
          const tooLong = bar.label.length * CHAR > labelWidth - 8;
          return (
            <g key={bar.label} class="bar" data-label={bar.label}>
              <text
                x={0}
                y={middle}
                dy="0.35em"
                {...(tooLong && { textLength: labelWidth - 8, lengthAdjust: 'spacingAndGlyphs' })}
              >
                {bar.label}
              </text>
              <rect x={labelWidth} y={top} width={x(bar.measuredHours) - labelWidth} height={BAR} fill="#1d4ed8" />
              <rect
                x={x(bar.measuredHours)}
                y={top}
                width={Math.max(0, x(bar.annualHours) - x(bar.measuredHours))}
                height={BAR}
                fill="url(#brief-estimated)"
                stroke="#1d4ed8"
                stroke-width="0.5"
              />
              <g class="range" stroke="#111" stroke-width="1.2">
                <line x1={x(bar.range[0])} y1={middle} x2={x(bar.range[1])} y2={middle} />
                <line x1={x(bar.range[0])} y1={middle - 5} x2={x(bar.range[0])} y2={middle + 5} />
                <line x1={x(bar.range[1])} y1={middle - 5} x2={x(bar.range[1])} y2={middle + 5} />
              </g>
              <text x={WIDTH - valueWidth + 8} y={middle} dy="0.35em" font-weight="600">
                {bar.value}
              </text>
            </g>
          );
        })}
        <g class="legend" transform={`translate(${labelWidth}, ${bars.length * ROW + 8})`}>
          <rect width="12" height="10" fill="#1d4ed8" />
          <text x="16" y="5" dy="0.35em">
            measured
          </text>
          <rect x="90" width="12" height="10" fill="url(#brief-estimated)" stroke="#1d4ed8" stroke-width="0.5" />
          <text x="106" y="5" dy="0.35em">
            estimated
          </text>
          <line x1="180" y1="5" x2="204" y2="5" stroke="#111" stroke-width="1.2" />
          <line x1="180" y1="0" x2="180" y2="10" stroke="#111" stroke-width="1.2" />
          <line x1="204" y1="0" x2="204" y2="10" stroke="#111" stroke-width="1.2" />
          <text x="210" y="5" dy="0.35em">
            {PRESET_NAMES.conservative}–{PRESET_NAMES.high} range
          </text>
        </g>
      </svg>
      <figcaption id="brief-chart-caption">{caption}</figcaption>
    </figure>
  );
}
