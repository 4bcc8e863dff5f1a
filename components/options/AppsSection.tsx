/** The apps Toggle Tax recognises: search the catalog, ignore apps, add custom ones, adopt unrecognised sites. */
import { useMemo, useState } from 'preact/hooks';
import type { AppEntry, UserRules } from '@/utils/catalog/types';
import { CATEGORIES } from '@/utils/catalog/types';
import { catalogTakeovers, takeoverWarning } from '@/utils/catalog/takeover';
import { formatDuration } from '@/utils/figures/format';
import { CUSTOM_APP } from '@/utils/settings/declarations';
import type { CustomAppForm } from '@/utils/settings/validate';
import { validateCustomApp } from '@/utils/settings/validate';

interface Props {
  catalog: readonly AppEntry[];
  userRules: UserRules;
  onChangeUserRules: (rules: UserRules) => void;
  rememberSites: boolean;
  onRememberSites: (on: boolean) => void;
  /** Unrecognised sites with time spent, most first (only while the opt-in is on). */
  sites: readonly { host: string; attendedMs: number }[];
  onClearSites: () => void;
}

const SHOWN = 30;
const EMPTY_FORM: CustomAppForm = { name: '', category: 'other', hosts: '', path: '' };

export function AppsSection(props: Props) {
  const { catalog, userRules, onChangeUserRules } = props;
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [form, setForm] = useState<CustomAppForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** A custom app that would take over catalog apps' hosts, and the warning, until confirmed or cancelled. */
  const [pending, setPending] = useState<{ app: AppEntry; warning: string } | null>(null);
  const ignored = new Set(userRules.ignoredAppIds);
  const all = useMemo(() => [...userRules.customApps, ...catalog], [catalog, userRules.customApps]);
  const takenIds = useMemo(() => new Set(all.map((a) => a.id)), [all]);
  const searching = query.trim() !== '' || category !== '';
  // Hundreds of apps: none is drawn until the person searches or picks a category; until then only
  // the ignored ones are listed, to track again.
  const matches = searching
    ? all.filter(
        (a) =>
          (!category || a.category === category) &&
          (!query || `${a.name} ${a.vendor}`.toLowerCase().includes(query.trim().toLowerCase())),
      )
    : [];
  const ignoredApps = searching ? [] : all.filter((a) => ignored.has(a.id));

  const toggleIgnored = (id: string) =>
    onChangeUserRules({
      ...userRules,
      ignoredAppIds: ignored.has(id)
        ? userRules.ignoredAppIds.filter((x) => x !== id)
        : [...userRules.ignoredAppIds, id],
    });
  const add = (app: AppEntry) => {
    onChangeUserRules({ ...userRules, customApps: [...userRules.customApps, app] });
    setForm(EMPTY_FORM);
    setPending(null);
  };
  const addCustom = (input: CustomAppForm) => {
    const result = validateCustomApp(input, takenIds);
    setErrors(result.ok ? {} : result.errors);
    setPending(null);
    if (!result.ok) return;
    // The person's rules win over the catalog's: taking a catalog app's hosts is asked first.
    const takeovers = catalogTakeovers(result.value.match, catalog);
    if (takeovers.length) setPending({ app: result.value, warning: takeoverWarning(result.value.name, takeovers) });
    else add(result.value);
  };

  const appRow = (app: AppEntry) => (
    <li key={app.id}>
      <span class={ignored.has(app.id) ? 'ignored' : undefined}>
        {app.name} <small>{CATEGORIES[app.category]}</small>
      </span>
      <button
        type="button"
        onClick={() => toggleIgnored(app.id)}
        aria-label={`${ignored.has(app.id) ? 'Track' : 'Ignore'} ${app.name}`}
      >
        {ignored.has(app.id) ? 'Track again' : 'Ignore'}
      </button>
    </li>
  );

  return (
    <section aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      <div class="controls">
        <label>
          Search apps{' '}
          <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Category{' '}
          <select value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
            <option value="">All categories</option>
            {Object.entries(CATEGORIES).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="hint" aria-live="polite">
        {searching
          ? `${matches.length} of ${all.length} apps${matches.length > SHOWN ? `, first ${SHOWN} shown` : ''}.`
          : `Search the ${all.length} apps Toggle Tax recognises, or pick a category, to ignore one.`}
      </p>
      {searching && (
        <ul class="apps" aria-label="Matching apps">
          {matches.slice(0, SHOWN).map(appRow)}
        </ul>
      )}
      {ignoredApps.length > 0 && (
        <>
          <h3>Ignored apps</h3>
          <ul class="apps" aria-label="Ignored apps">
            {ignoredApps.map(appRow)}
          </ul>
        </>
      )}

      <h3>Custom apps</h3>
      {userRules.customApps.length > 0 && (
        <ul class="apps" aria-label="Custom apps">
          {userRules.customApps.map((app) => (
            <li key={app.id}>
              <span>
                {app.name} <small>{app.match.map((m) => m.host + (m.path ?? '')).join(', ')}</small>
              </span>
              <button
                type="button"
                aria-label={`Remove ${app.name}`}
                onClick={() =>
                  onChangeUserRules({ ...userRules, customApps: userRules.customApps.filter((a) => a.id !== app.id) })
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="fields"
        noValidate
        aria-label="Add a custom app"
        onSubmit={(e) => {
          e.preventDefault();
          addCustom(form);
        }}
      >
        {(['name', 'hosts', 'path'] as const).map((key) => (
          <div class="field" key={key}>
            <label for={`c-${key}`}>{CUSTOM_APP[key].label}</label>
            <input
              id={`c-${key}`}
              value={form[key]}
              placeholder={CUSTOM_APP[key].placeholder}
              aria-invalid={errors[key] ? 'true' : undefined}
              onInput={(e) => {
                setPending(null);
                setForm({ ...form, [key]: (e.target as HTMLInputElement).value });
              }}
            />
            {errors[key] && (
              <p role="alert" class="error">
                {errors[key]}
              </p>
            )}
          </div>
        ))}
        <div class="field">
          <label for="c-category">Category</label>
          <select
            id="c-category"
            value={form.category}
            onChange={(e) => {
              setPending(null);
              setForm({ ...form, category: (e.target as HTMLSelectElement).value });
            }}
          >
            {Object.entries(CATEGORIES).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Add app</button>
      </form>
      {pending && (
        <div role="alertdialog" aria-labelledby="takeover-warning" class="confirm">
          <p id="takeover-warning">{pending.warning}</p>
          <button type="button" onClick={() => add(pending.app)}>
            Add {pending.app.name} anyway
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}

      <h3>Unrecognised sites</h3>
      <label class="check">
        <input
          type="checkbox"
          checked={props.rememberSites}
          onChange={(e) => props.onRememberSites((e.target as HTMLInputElement).checked)}
        />{' '}
        Keep a list of sites I spend time on that Toggle Tax does not recognise (hostnames and time only, kept in this
        browser), so I can add them as apps.
      </label>
      {props.sites.length > 0 && (
        <>
          <ul class="apps" aria-label="Unrecognised sites">
            {props.sites.map((site) => (
              <li key={site.host}>
                <span>
                  {site.host} <small>{formatDuration(site.attendedMs / 1000)}</small>
                </span>
                <button
                  type="button"
                  aria-label={`Add ${site.host} as an app`}
                  disabled={userRules.customApps.some((a) => a.match.some((m) => m.host === site.host))}
                  onClick={() => addCustom({ name: site.host, category: 'other', hosts: site.host, path: '' })}
                >
                  Add as app
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={props.onClearSites}>
            Clear this list
          </button>
        </>
      )}
    </section>
  );
}
