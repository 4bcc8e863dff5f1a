/**
 * What a valid custom app and host rule are, once: the options page's form (./validate.ts) and the
 * schema of a backup's user rules (./backup.ts) both check with these, against the limits declared
 * with the setting (CUSTOM_APP in ./declarations.ts). So a custom app the form makes always
 * survives a backup, and a backup brings nothing the form would refuse.
 */
import { getDomain } from 'tldts';
import type { HostRule } from '../catalog/types';
import { CATEGORIES } from '../catalog/types';
import { CUSTOM_APP } from './declarations';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const PATH = /^\/[a-z0-9._~%!$&'()*+,;=:@/-]*$/;

const SAY = {
  name: `${CUSTOM_APP.name.label} must have 1 to ${CUSTOM_APP.name.maxLength} characters.`,
  category: 'Choose a category from the list.',
  noHost: 'Enter at least one host, such as jira.acme.com or *.acme.com.',
  notHost: (bad: readonly string[]) =>
    `Not a host: ${bad.join(', ')}. Use names such as jira.acme.com or *.acme.com, without https:// or a path.`,
  tooManyHosts: `Enter at most ${CUSTOM_APP.hosts.maxCount} hosts.`,
  wholeSuffix: (broad: readonly string[]) =>
    `${broad.join(', ')} would take in every site under ${broad.map((h) => h.slice(1)).join(', ')}, not one organisation's. Name your organisation's own domain, such as *.acme.co.uk.`,
  path: 'A path starts with / and has no spaces, such as /wiki.',
  longPath: `A path has at most ${CUSTOM_APP.path.maxLength} characters.`,
};

/** `jira.acme.com` or `*.acme.com`: lower-case labels, at least two, no scheme, port or path. */
export function parseHostPattern(raw: string): HostRule['host'] | null {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  const labels = bare.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l))) return null;
  return host;
}

/**
 * Whether a wildcard pattern takes in a whole public suffix (`*.co.uk`, `*.github.io`): every
 * site under it would count as one app. Public suffixes come from tldts's list, private ones too.
 */
export function coversPublicSuffix(host: string): boolean {
  return host.startsWith('*.') && getDomain(host.slice(2), { allowPrivateDomains: true }) === null;
}

/** What is wrong with a host pattern as typed, or null: the checks of a custom app's hosts and of an override's. */
export function hostProblem(pattern: string): string | null {
  const host = parseHostPattern(pattern);
  if (host === null) return SAY.notHost([pattern]);
  return coversPublicSuffix(host) ? SAY.wholeSuffix([host]) : null;
}

/**
 * What is wrong with each part of a custom app, or null: a name as kept (trimmed), a category id,
 * the host patterns as typed, a path prefix as kept (lower case).
 */
export const customAppProblem = {
  name: (name: string) => (name && name.length <= CUSTOM_APP.name.maxLength ? null : SAY.name),
  // Own keys only: `toString` is in every object.
  category: (id: string) => (Object.hasOwn(CATEGORIES, id) ? null : SAY.category),
  hosts: (patterns: readonly string[]) => {
    const bad = patterns.filter((p) => parseHostPattern(p) === null);
    if (bad.length) return SAY.notHost(bad);
    const broad = patterns.map((p) => parseHostPattern(p)!).filter(coversPublicSuffix);
    if (broad.length) return SAY.wholeSuffix(broad);
    if (!patterns.length) return SAY.noHost;
    return patterns.length > CUSTOM_APP.hosts.maxCount ? SAY.tooManyHosts : null;
  },
  path: (path: string) => (!PATH.test(path) ? SAY.path : path.length > CUSTOM_APP.path.maxLength ? SAY.longPath : null),
};
