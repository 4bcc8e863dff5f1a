/**
 * URL → app classification. Runs once per attention event in the service worker, so lookup is a
 * hash-map hit on the host's last two labels followed by a scan of the few rules of hosts ending
 * the same way: the cost does not grow with the size of the catalog.
 */
import type { AppEntry, Classification, HostRule, TransitEntry, UserRules } from './types';
import { NO_USER_RULES } from './types';

/** Pages of the browser itself: passing through them is transit, like a new tab. */
const INTERNAL_SCHEMES = new Set([
  'about:',
  'chrome:',
  'chrome-extension:',
  'chrome-search:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'moz-extension:',
  'file:',
  'view-source:',
]);

type Target = { kind: 'app'; appId: string } | { kind: 'transit' } | { kind: 'exclude' };

interface CompiledRule {
  /** Exact host, or the suffix after `*.` (then `wildcard` is true). */
  host: string;
  wildcard: boolean;
  /** Path prefix without a trailing slash, or '' for any path. */
  path: string;
  /** Higher wins: user rules, then exclusions, exact host, longer suffix, longer path. */
  specificity: number;
  target: Target;
}

export interface CatalogInput {
  apps: readonly AppEntry[];
  transit: readonly TransitEntry[];
  user?: UserRules;
}

export type Classifier = (url: string) => Classification;

const TRANSIT: Classification = { kind: 'transit' };

export function createClassifier({ apps, transit, user = NO_USER_RULES }: CatalogInput): Classifier {
  const buckets = new Map<string, CompiledRule[]>();
  // Rules for every host under a one-label suffix (`*.test`): their pages' keys are not theirs.
  const underOneLabel: CompiledRule[] = [];
  const ignored = new Set(user.ignoredAppIds);
  const add = (rule: HostRule, target: Target, fromUser: boolean) => {
    const compiled = compileRule(rule, rule.exclude ? { kind: 'exclude' } : target, fromUser);
    if (compiled.wildcard && !compiled.host.includes('.')) {
      underOneLabel.push(compiled);
      return;
    }
    const key = bucketOf(compiled.host);
    const bucket = buckets.get(key) ?? [];
    bucket.push(compiled);
    buckets.set(key, bucket);
  };
  for (const app of apps) for (const rule of app.match) add(rule, { kind: 'app', appId: app.id }, false);
  for (const entry of transit) for (const rule of entry.match) add(rule, { kind: 'transit' }, false);
  for (const app of user.customApps) for (const rule of app.match) add(rule, { kind: 'app', appId: app.id }, true);
  for (const { rule, appId } of user.overrides) add(rule, { kind: 'app', appId }, true);
  const bySpecificity = (a: CompiledRule, b: CompiledRule) => b.specificity - a.specificity;
  for (const bucket of buckets.values()) bucket.sort(bySpecificity);
  underOneLabel.sort(bySpecificity);

  return (url) => {
    const page = parsePage(url);
    if (page.kind !== 'web') return page.kind === 'internal' ? TRANSIT : { kind: 'other', host: '' };
    const matches = (r: CompiledRule) => ruleMatches(r, page.host, page.path);
    const inBucket = buckets.get(bucketOf(page.host))?.find(matches);
    const broad = underOneLabel.find(matches);
    const rule = broad && (!inBucket || broad.specificity > inBucket.specificity) ? broad : inBucket;
    if (!rule || rule.target.kind === 'exclude') return { kind: 'other', host: page.host };
    if (rule.target.kind === 'app' && ignored.has(rule.target.appId)) return { kind: 'other', host: page.host };
    return rule.target;
  };
}

/**
 * `classify`, remembering its answers for up to `size` addresses (the oldest forgotten first). The
 * worker classifies the page of every attention event, and people switch back and forth between the
 * same few tabs, so parsing an address again is wasted work on the hot path. In memory only, and
 * made anew with the classifier whenever the user's rules change.
 */
export function rememberingClassifier(classify: Classifier, size = 100): Classifier {
  const answers = new Map<string, Classification>();
  return (url) => {
    const known = answers.get(url);
    if (known) return known;
    const answer = classify(url);
    // A Map keeps insertion order: the first key is the oldest answer.
    if (answers.size >= size) answers.delete(answers.keys().next().value!);
    answers.set(url, answer);
    return answer;
  };
}

function compileRule(rule: HostRule, target: Target, fromUser: boolean): CompiledRule {
  const raw = normaliseHost(rule.host);
  const wildcard = raw.startsWith('*.');
  const host = wildcard ? raw.slice(2) : raw;
  const path = trimSlash(rule.path?.toLowerCase() ?? '');
  // Dominance order, each step outweighing everything after it.
  const specificity =
    (fromUser ? 1e9 : 0) +
    (target.kind === 'exclude' ? 1e8 : 0) +
    (wildcard ? 0 : 1e7) +
    host.length * 1e4 +
    (path ? 1e3 + path.length : 0);
  return { host, wildcard, path, specificity, target };
}

function ruleMatches(rule: CompiledRule, host: string, path: string): boolean {
  const hostOk = rule.wildcard ? host.endsWith('.' + rule.host) : host === rule.host;
  if (!hostOk) return false;
  if (!rule.path) return true;
  return path === rule.path || path.startsWith(rule.path + '/');
}

/**
 * The key of a host's bucket: its last two labels (`app.slack.com` → `slack.com`; a host of one
 * label keys by itself). A page and every rule that can match it share the key: an exact rule is
 * the page's own host, and a page under `*.slack.com` ends in `slack.com`. Grouping by registrable
 * domain gave the same answers but needed the list of public suffixes at every start of the worker
 * (tests/bench/README.md says what it cost).
 */
function bucketOf(host: string): string {
  const lastDot = host.lastIndexOf('.');
  const dotBefore = lastDot > 0 ? host.lastIndexOf('.', lastDot - 1) : -1;
  return dotBefore === -1 ? host : host.slice(dotBefore + 1);
}

type ParsedPage = { kind: 'web'; host: string; path: string } | { kind: 'internal' } | { kind: 'foreign' };

function parsePage(url: string): ParsedPage {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'foreign' };
  }
  if (INTERNAL_SCHEMES.has(parsed.protocol)) return { kind: 'internal' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'foreign' };
  const host = normaliseHost(parsed.hostname);
  if (!host) return { kind: 'foreign' };
  let path = parsed.pathname.toLowerCase();
  // Google puts the signed-in account in the path (/u/1/, /a/example.com/); it says nothing about the app.
  if (host === 'google.com' || host.endsWith('.google.com')) path = path.replace(/\/(?:u\/\d+|a\/[^/]+)(?=\/|$)/g, '');
  return { kind: 'web', host, path: trimSlash(path) };
}

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.+$/, '');
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
