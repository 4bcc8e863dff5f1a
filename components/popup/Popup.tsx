/** The popup, as a function of its data: what the person sees most. No browser calls in here. */
import { useMemo, useState } from 'preact/hooks';
import { formatCount, formatDuration } from '@/utils/figures/format';
import type { PopupData, PopupPeriod } from '@/utils/figures/popup-figures';
import { describeComparison, describeWeekChange, POPUP_PERIODS } from '@/utils/figures/popup-figures';
import type { AppInfo } from '@/utils/catalog/directory';
import { PairChart } from './PairChart';
import { PairTable } from './PairTable';

/** As many pairs as fit in the popup's maximum height without scrolling. */
export const POPUP_TOP_PAIRS = 8;

export interface PopupProps {
  /** Undefined while the first read is under way. */
  data: PopupData | undefined;
  period: PopupPeriod;
  onPeriodChange: (period: PopupPeriod) => void;
  paused: boolean;
  /** Why switches are not being saved right now, in words; null while storing works. */
  recordingProblem?: string | null;
  onTogglePause: () => void;
  onOpenOptions: () => void;
  appInfo: (id: string) => AppInfo | undefined;
}

export function Popup(props: PopupProps) {
  const { data, paused } = props;
  // Pairs beyond those shown: the ranking on the options page lists them all.
  const more = data && data.stage !== 'first-run' ? Math.max(0, data.current.pairs.length - POPUP_TOP_PAIRS) : 0;
  const openOptions = (event: Event) => {
    event.preventDefault();
    props.onOpenOptions();
  };
  return (
    <main class="popup" data-stage={data?.stage ?? 'loading'}>
      <header class="bar">
        <h1>Toggle Tax</h1>
        <p class={paused ? 'status paused' : 'status'} role="status">
          <StatusIcon paused={paused} />
          {paused ? 'Paused' : 'Tracking'}
        </p>
        <button type="button" class="pause" aria-pressed={paused} onClick={props.onTogglePause}>
          {paused ? 'Resume tracking' : 'Pause tracking'}
        </button>
      </header>
      {props.recordingProblem && (
        <p class="problem" role="alert">
          {props.recordingProblem}
        </p>
      )}
      {data && (data.stage === 'first-run' ? <FirstRun /> : <Figures {...props} data={data} />)}
      <footer class="bar">
        {more > 0 && (
          <a class="more" href="/options.html" onClick={openOptions}>
            +{formatCount(more)} more {more === 1 ? 'pair' : 'pairs'}
          </a>
        )}
        <a href="/options.html" onClick={openOptions}>
          Rank integrations
        </a>
      </footer>
    </main>
  );
}

/** Drawn, not a font glyph: the pause sign (U+23F8) is an empty box where no font has it. */
function StatusIcon({ paused }: { paused: boolean }) {
  return (
    <svg class="icon" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
      {paused ? (
        <>
          <rect x="1" y="1" width="3" height="8" />
          <rect x="6" y="1" width="3" height="8" />
        </>
      ) : (
        <circle cx="5" cy="5" r="4" />
      )}
    </svg>
  );
}

function FirstRun() {
  return (
    <section class="first-run" aria-labelledby="welcome">
      <h2 id="welcome">Nothing recorded yet</h2>
      <p>
        Toggle Tax notices each time you move from one web app to another (Slack to Dropbox, Paychex to Google Sheets)
        and shows the seconds each pair of apps costs you.
      </p>
      <p>Work as usual: your first figures appear here after a couple of switches.</p>
      <p class="privacy">
        Everything stays in this browser. No addresses or page titles are stored, and nothing is sent anywhere.
      </p>
    </section>
  );
}

function Figures({ data, period, paused, onPeriodChange, appInfo }: PopupProps & { data: PopupData }) {
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const { current } = data;
  // The same array until the figures change: the chart is rebuilt when its pairs change, and hovering
  // a row (which re-renders this) must only highlight a bar.
  const pairs = useMemo(() => current.pairs.slice(0, POPUP_TOP_PAIRS), [current]);
  const weekChange = describeWeekChange(data, paused, appInfo);
  return (
    <>
      <nav class="periods" aria-label="Period">
        {(Object.keys(POPUP_PERIODS) as PopupPeriod[]).map((id) => (
          <button key={id} type="button" aria-pressed={id === period} onClick={() => onPeriodChange(id)}>
            {POPUP_PERIODS[id].label}
          </button>
        ))}
      </nav>
      {data.stage === 'learning' && (
        <p class="note" role="note">
          Still learning: figures per day start after your first hour of browsing in a day.
        </p>
      )}
      <section class="headline" aria-label="Summary">
        <p>
          <strong>{formatCount(current.switches)}</strong> {current.switches === 1 ? 'switch' : 'switches'},{' '}
          <strong>{formatDuration(current.secondsLost)}</strong> lost
          {data.secondsInApps > 0 && (
            <span class="in-apps">{` \u00b7 in apps ${formatDuration(data.secondsInApps)}`}</span>
          )}
        </p>
        {current.secondsLost > 0 && (
          <p class="split">
            {formatDuration(current.measuredSeconds)} measured between apps, {formatDuration(current.assumedSeconds)}{' '}
            estimated
          </p>
        )}
        <p class="change">{describeComparison(data, period, paused)}</p>
        {weekChange && <p class="change week">{weekChange}</p>}
      </section>
      {pairs.length > 0 ? (
        <>
          <PairChart pairs={pairs} appInfo={appInfo} activeIndex={activeIndex} />
          <PairTable pairs={pairs} appInfo={appInfo} onFocusPair={setActiveIndex} />
        </>
      ) : (
        <p class="empty">No switches between apps in this period yet.</p>
      )}
    </>
  );
}
