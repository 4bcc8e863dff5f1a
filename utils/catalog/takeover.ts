/**
 * Which catalog apps a custom app would take hosts from. A person's rules win over the catalog's
 * (utils/catalog/classify.ts), so a custom app on `slack.com` or `*.slack.com` quietly counts
 * Slack's time as its own: the options page says so and asks before adding it.
 */
import type { AppEntry, HostRule } from './types';

export interface Takeover {
  /** The custom app's host pattern, as it will be stored. */
  host: string;
  /** The catalog apps it overlaps, in catalog order. */
  apps: AppEntry[];
}

const bare = (host: string) => (host.startsWith('*.') ? host.slice(2) : host);

/** Whether one path prefix takes in the other, on whole segments; no path is every path. */
function pathsMeet(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const [x, y] = [a.replace(/\/+$/, ''), b.replace(/\/+$/, '')];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

/**
 * Whether two rules name the same site: the same host, or one under the other (`slack.com` and
 * `*.slack.com`, `*.google.com` and `mail.google.com`), on paths that meet.
 */
export function rulesMeet(custom: HostRule, catalog: HostRule): boolean {
  const [a, b] = [bare(custom.host.toLowerCase()), bare(catalog.host.toLowerCase())];
  const hostsMeet = a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
  return hostsMeet && pathsMeet(custom.path?.toLowerCase(), catalog.path?.toLowerCase());
}

/** For each of a custom app's rules, the catalog apps whose hosts it would take over (none left out). */
export function catalogTakeovers(rules: readonly HostRule[], catalog: readonly AppEntry[]): Takeover[] {
  return rules
    .map((rule) => ({
      host: rule.host + (rule.path ?? ''),
      apps: catalog.filter((app) => app.match.some((own) => !own.exclude && rulesMeet(rule, own))),
    }))
    .filter((t) => t.apps.length > 0);
}

const MOST_NAMED = 5;

const listed = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * The warning in a sentence: "slack.com is also where Toggle Tax recognises Slack. Adding Acme
 * Chat would replace Slack there: time there would count as Acme Chat."
 */
export function takeoverWarning(name: string, takeovers: readonly Takeover[]): string {
  const apps = [...new Set(takeovers.flatMap((t) => t.apps.map((a) => a.name)))];
  const named =
    apps.length > MOST_NAMED
      ? `${apps.slice(0, MOST_NAMED).join(', ')} and ${apps.length - MOST_NAMED} more`
      : listed(apps);
  const hosts = listed(takeovers.map((t) => t.host));
  const them = apps.length === 1 ? apps[0] : 'them';
  return `${hosts} ${takeovers.length === 1 ? 'is' : 'are'} also where Toggle Tax recognises ${named}. Adding ${name} would replace ${them} there: time there would count as ${name}.`;
}
