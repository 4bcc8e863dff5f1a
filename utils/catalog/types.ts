/**
 * The shape of the app catalog: which web apps Toggle Tax recognises, and which pages are only
 * transit (sign-in, launchers, search, new tab) between two apps.
 */

/** One primary category per app; pairs inside one category are overlap (consolidate, don't integrate). */
export const CATEGORIES = {
  chat: 'Chat',
  'email-calendar': 'Email and calendar',
  meetings: 'Meetings',
  'docs-knowledge': 'Docs and knowledge',
  'spreadsheets-db': 'Spreadsheets and databases',
  files: 'File storage',
  'work-management': 'Work management',
  'dev-code': 'Code',
  'dev-ops-observability': 'DevOps and observability',
  design: 'Design',
  'crm-sales': 'CRM and sales',
  marketing: 'Marketing',
  'support-itsm': 'Support and ITSM',
  'hr-recruiting': 'HR and recruiting',
  'finance-accounting': 'Finance and accounting',
  'commerce-payments': 'Commerce and payments',
  'analytics-bi': 'Analytics and BI',
  'identity-security': 'Identity and security',
  'ai-assistant': 'AI assistants',
  'esign-legal': 'E-signature and legal',
  scheduling: 'Scheduling',
  'cloud-console': 'Cloud consoles',
  other: 'Other',
} as const;

export type CategoryId = keyof typeof CATEGORIES;

/**
 * One matching rule.
 * - `host`: an exact lower-case hostname (`app.asana.com`), or `*.` + suffix (`*.zendesk.com`), which
 *   matches one or more labels before the suffix but not the bare suffix itself.
 * - `path`: a path prefix matched on whole segments, lower-case (`/wiki` matches `/wiki` and
 *   `/wiki/spaces`, not `/wikipedia`). Google's `/u/<n>` and `/a/<domain>` account segments are
 *   removed before matching.
 * - `exclude`: the pages this rule matches are not the app (e.g. Zendesk's public help centre `/hc`).
 */
export interface HostRule {
  host: string;
  path?: string;
  exclude?: true;
}

/** An app id as stored: lower-case letters, digits and dashes, as in the catalog's slugs. */
export const APP_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export interface AppEntry {
  /** Stable slug, stored in every record: never rename one that has shipped. */
  id: string;
  name: string;
  vendor: string;
  category: CategoryId;
  match: HostRule[];
}

export type TransitKind = 'auth' | 'launcher' | 'search' | 'newtab';

/** Pages that are never an app: passing through them is transit between two apps. */
export interface TransitEntry {
  name: string;
  kind: TransitKind;
  match: HostRule[];
}

/** What an attended page is, for the tracker. Only `appId` is ever stored. */
export type Classification =
  | { kind: 'app'; appId: string }
  | { kind: 'transit' }
  /** Any other site; `host` is kept in memory only, for the opt-in list of unrecognised sites. */
  | { kind: 'other'; host: string };

/** The person's own rules; they take precedence over the shipped catalog. */
export interface UserRules {
  /** Apps the catalog lacks, or self-hosted ones. Ids start with `custom-`. */
  customApps: AppEntry[];
  /** Extra rules that send pages to an existing app (a vanity domain for Zendesk, say). */
  overrides: { rule: HostRule; appId: string }[];
  /** App ids the person does not want tracked: their pages count as other sites. */
  ignoredAppIds: string[];
}

export const NO_USER_RULES: UserRules = { customApps: [], overrides: [], ignoredAppIds: [] };
