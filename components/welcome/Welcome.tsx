/**
 * The welcome page, as a function of its props: what is recorded and what never is, a search of
 * the recognised apps, your product and team label (or skip), and a preview of the popup with
 * sample figures. No browser calls in here.
 */
import { useMemo, useState } from 'preact/hooks';
import type { AppName } from '@/utils/catalog/directory';
import { CATEGORIES } from '@/utils/catalog/types';
import { TEAM_LABEL } from '@/utils/settings/declarations';
import { SamplePopup } from './SamplePopup';
import { searchApps } from './search';

/** As many matches as the page lists; a longer query narrows them. */
export const SHOWN_MATCHES = 12;

export interface WelcomeChoice {
  /** A vendor id (utils/catalog/directory.ts `vendorId`), or null for none. */
  yourProduct: string | null;
  teamLabel: string | null;
}

export interface WelcomeProps {
  apps: readonly AppName[];
  /** The companies behind the apps (`vendorsOf`): the choices for your product. */
  vendors: readonly { id: string; name: string }[];
  /** What is stored now: the form starts from it. */
  current: WelcomeChoice;
  /** Settings an administrator's policy set: shown, not editable (`lockedSettingsItem`). */
  locked: readonly string[];
  /** The shortcut that pauses tracking, as the browser has it (it may have been changed or not set). */
  shortcut: string | null;
  onSave: (choice: WelcomeChoice) => void;
  /** Leaves without storing anything. */
  onSkip: () => void;
}

export function Welcome(props: WelcomeProps) {
  const [query, setQuery] = useState('');
  const [yourProduct, setYourProduct] = useState(props.current.yourProduct);
  const [teamLabel, setTeamLabel] = useState(props.current.teamLabel ?? '');
  const matches = useMemo(() => searchApps(props.apps, query), [props.apps, query]);
  const vendorName = (id: string) => props.vendors.find((v) => v.id === id)?.name ?? id;
  const productLocked = props.locked.includes('yourProduct');
  const teamLocked = props.locked.includes('team');
  return (
    <main class="welcome">
      <h1>Welcome to Toggle Tax</h1>
      <p class="lead">
        Toggle Tax notices each time you move from one web app to another (Slack to Dropbox, Paychex to Google Sheets),
        counts the time between apps, and ranks the integrations that would give that time back.
      </p>

      <section class="privacy" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">What is recorded, and what never is</h2>
        <div class="columns">
          <div>
            <h3>Recorded, in this browser only</h3>
            <ul>
              <li>Which recognised app you are in, by its name in the list below</li>
              <li>When you move from one app to another, and the time between apps</li>
              <li>How long you stay in each app, per day</li>
            </ul>
          </div>
          <div>
            <h3>Never recorded</h3>
            <ul>
              <li>Web addresses, page titles or anything on a page</li>
              <li>Which other sites you visit (unless you turn that on in the options)</li>
              <li>Anything in private or incognito windows</li>
            </ul>
            <p>Nothing is ever sent anywhere. You can pause at any time, and delete everything from the options.</p>
          </div>
        </div>
        <p>
          Pause or resume tracking from the toolbar button
          {props.shortcut ? (
            <>
              {' '}
              or with <kbd>{props.shortcut}</kbd>
            </>
          ) : (
            ', or give it a keyboard shortcut in your browser’s extension shortcuts'
          )}
          .
        </p>
      </section>

      <section class="apps" aria-labelledby="apps-heading">
        <h2 id="apps-heading">The apps Toggle Tax recognises</h2>
        <label>
          Search the {props.apps.length} recognised apps{' '}
          <input
            type="search"
            value={query}
            placeholder="Dropbox, payroll, Google…"
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
        </label>
        {query.trim() && (
          <p role="status">
            {matches.length === 0
              ? `No recognised app matches “${query.trim()}”. You can add your own apps in the options.`
              : `${matches.length} ${matches.length === 1 ? 'app matches' : 'apps match'}${
                  matches.length > SHOWN_MATCHES ? `; the first ${SHOWN_MATCHES} are shown` : ''
                }.`}
          </p>
        )}
        {matches.length > 0 && (
          <ul class="matches" aria-label="Matching apps">
            {matches.slice(0, SHOWN_MATCHES).map((app) => (
              <li key={app.id}>
                <strong>{app.name}</strong> <span class="muted">{CATEGORIES[app.category]}</span>{' '}
                <span class="muted">by {app.vendor}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <form
        class="setup"
        aria-labelledby="setup-heading"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSave({ yourProduct, teamLabel: teamLabel.trim() || null });
        }}
      >
        <h2 id="setup-heading">Your product and team (optional)</h2>
        <p>
          If you work for one of these companies, choose it as your product: the options page then ranks the partner
          companies whose apps your people switch to and from the most.
        </p>
        <label>
          Your product{' '}
          <select
            value={yourProduct ?? ''}
            disabled={productLocked}
            onChange={(e) => setYourProduct((e.target as HTMLSelectElement).value || null)}
          >
            <option value="">None: rank every pair of apps</option>
            {yourProduct && !props.vendors.some((v) => v.id === yourProduct) && (
              <option value={yourProduct}>{vendorName(yourProduct)}</option>
            )}
            {props.vendors.map((vendor) => (
              <option key={vendor.id} value={vendor.id}>
                {vendor.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {TEAM_LABEL.label}{' '}
          <input
            type="text"
            value={teamLabel}
            maxLength={TEAM_LABEL.maxLength}
            placeholder={TEAM_LABEL.placeholder}
            disabled={teamLocked}
            onInput={(e) => setTeamLabel((e.target as HTMLInputElement).value)}
          />
        </label>
        {(productLocked || teamLocked) && <p class="muted">Settings your administrator set cannot be changed here.</p>}
        <p class="actions">
          <button type="submit">Save and close</button>
          <button type="button" onClick={props.onSkip}>
            Skip
          </button>
        </p>
        <p class="muted">Both can be changed later in the options.</p>
      </form>

      <SamplePopup />
    </main>
  );
}
