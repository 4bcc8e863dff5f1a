/**
 * Pages that are never an app: sign-in and SSO, launchers, search engines and new-tab pages. Passing
 * through one of them between two apps is part of the switch, not time in an app.
 *
 * Same rule language as the app catalog (HostRule); app and transit rules compete by specificity, so
 * a path rule here (zoom.us/j) beats a host-only app rule (zoom.us), and an exact-host app rule
 * (manage.auth0.com) beats a wildcard transit rule (*.auth0.com).
 */
import type { HostRule, TransitEntry } from './types';

/** Google's search pages on its main regional domains; the home page is a search box, so the whole host counts. */
const GOOGLE_SEARCH_HOSTS = [
  'google.com',
  'www.google.com',
  'www.google.co.uk',
  'www.google.ca',
  'www.google.com.au',
  'www.google.co.in',
  'www.google.de',
  'www.google.fr',
  'www.google.es',
  'www.google.it',
  'www.google.nl',
  'www.google.co.jp',
  'www.google.com.br',
  'www.google.com.mx',
  'www.google.ie',
  'www.google.ch',
  'www.google.se',
  'www.google.pl',
] as const;

const hosts = (...names: string[]): HostRule[] => names.map((host) => ({ host }));

export const TRANSIT: TransitEntry[] = [
  // auth: identity providers and vendor sign-in pages
  { name: 'Google sign-in', kind: 'auth', match: hosts('accounts.google.com') },
  {
    name: 'Microsoft sign-in',
    kind: 'auth',
    match: hosts(
      'login.microsoftonline.com',
      'login.microsoft.com',
      'login.live.com',
      'login.windows.net',
      'login.microsoftonline.us',
      'autologon.microsoftazuread-sso.com',
      'device.login.microsoftonline.com',
    ),
  },
  { name: 'Azure AD B2C and External ID sign-in', kind: 'auth', match: hosts('*.b2clogin.com', '*.ciamlogin.com') },
  { name: 'Atlassian sign-in', kind: 'auth', match: hosts('id.atlassian.com', 'auth.atlassian.com') },
  { name: 'Salesforce sign-in', kind: 'auth', match: hosts('login.salesforce.com', 'test.salesforce.com') },
  {
    name: 'Okta',
    kind: 'auth',
    match: [
      { host: '*.okta.com' },
      { host: '*.oktapreview.com' },
      { host: '*.okta-emea.com' },
      { host: '*.okta-gov.com' },
      // Okta's own marketing site is not a tenant.
      { host: 'www.okta.com', exclude: true },
    ],
  },
  { name: 'OneLogin', kind: 'auth', match: [{ host: '*.onelogin.com' }, { host: 'www.onelogin.com', exclude: true }] },
  { name: 'Auth0 tenants', kind: 'auth', match: hosts('*.auth0.com') },
  {
    name: 'Ping Identity',
    kind: 'auth',
    match: hosts('auth.pingone.com', 'auth.pingone.eu', 'auth.pingone.ca', 'auth.pingone.asia'),
  },
  { name: 'Duo', kind: 'auth', match: hosts('*.duosecurity.com') },
  { name: 'JumpCloud SSO', kind: 'auth', match: hosts('sso.jumpcloud.com') },
  { name: 'Oracle identity domains', kind: 'auth', match: hosts('*.identity.oraclecloud.com') },
  { name: 'Apple ID', kind: 'auth', match: hosts('appleid.apple.com', 'idmsa.apple.com') },
  {
    name: 'AWS sign-in',
    kind: 'auth',
    match: hosts('signin.aws.amazon.com', '*.signin.aws.amazon.com', 'signin.amazonaws-us-gov.com'),
  },
  { name: 'Xero sign-in', kind: 'auth', match: hosts('login.xero.com', 'identity.xero.com') },
  {
    name: 'Zoho Accounts',
    kind: 'auth',
    match: hosts(
      'accounts.zoho.com',
      'accounts.zoho.eu',
      'accounts.zoho.in',
      'accounts.zoho.com.au',
      'accounts.zoho.jp',
      'accounts.zoho.com.cn',
      'accounts.zoho.uk',
      'accounts.zoho.sa',
      'accounts.zohocloud.ca',
    ),
  },
  { name: 'Intuit sign-in', kind: 'auth', match: hosts('accounts.intuit.com') },
  { name: 'Docusign sign-in', kind: 'auth', match: hosts('account.docusign.com', 'account-d.docusign.com') },
  { name: 'monday.com sign-in', kind: 'auth', match: hosts('auth.monday.com') },
  { name: 'Mailchimp sign-in', kind: 'auth', match: hosts('login.mailchimp.com') },
  { name: 'OpenAI sign-in', kind: 'auth', match: hosts('auth.openai.com') },
  { name: 'Box sign-in', kind: 'auth', match: hosts('account.box.com') },
  { name: 'BigCommerce sign-in', kind: 'auth', match: hosts('login.bigcommerce.com') },
  { name: 'Webex sign-in', kind: 'auth', match: hosts('idbroker.webex.com', 'idbroker-eu.webex.com') },
  { name: 'Tailscale sign-in', kind: 'auth', match: hosts('login.tailscale.com') },
  { name: 'Adobe sign-in', kind: 'auth', match: hosts('auth.services.adobe.com') },

  // launcher: app portals and meeting-join pages that hand over to another app
  {
    name: 'Microsoft 365 home',
    kind: 'launcher',
    match: hosts(
      'www.office.com',
      'office.com',
      'portal.office.com',
      'm365.cloud.microsoft',
      'www.microsoft365.com',
      'microsoft365.com',
    ),
  },
  {
    name: 'Microsoft My Apps',
    kind: 'launcher',
    match: hosts('myapps.microsoft.com', 'myapplications.microsoft.com', 'launcher.myapps.microsoft.com'),
  },
  { name: 'Dynamics 365 home', kind: 'launcher', match: hosts('home.dynamics.com') },
  {
    name: 'Atlassian home',
    kind: 'launcher',
    match: hosts('home.atlassian.com', 'start.atlassian.com', 'team.atlassian.com'),
  },
  { name: '37signals Launchpad', kind: 'launcher', match: hosts('launchpad.37signals.com') },
  { name: 'AWS access portal', kind: 'launcher', match: hosts('*.awsapps.com') },
  { name: 'Zoho home', kind: 'launcher', match: hosts('home.zoho.com', 'one.zoho.com') },
  {
    name: 'Zoom join launcher',
    kind: 'launcher',
    match: [
      { host: 'zoom.us', path: '/j' },
      { host: '*.zoom.us', path: '/j' },
      { host: 'zoom.us', path: '/s' },
      { host: '*.zoom.us', path: '/s' },
      { host: 'zoomgov.com', path: '/j' },
      { host: '*.zoomgov.com', path: '/j' },
    ],
  },
  { name: 'Teams join launcher', kind: 'launcher', match: [{ host: 'teams.microsoft.com', path: '/dl/launcher' }] },

  // search: search engines (a search between two apps is part of the switch)
  { name: 'Google Search', kind: 'search', match: GOOGLE_SEARCH_HOSTS.map((host) => ({ host })) },
  { name: 'Bing', kind: 'search', match: hosts('www.bing.com', 'bing.com') },
  { name: 'DuckDuckGo', kind: 'search', match: hosts('duckduckgo.com', '*.duckduckgo.com') },
  { name: 'Yahoo Search', kind: 'search', match: hosts('search.yahoo.com', '*.search.yahoo.com') },
  { name: 'Ecosia', kind: 'search', match: hosts('www.ecosia.org') },
  { name: 'Brave Search', kind: 'search', match: hosts('search.brave.com') },
  { name: 'Kagi', kind: 'search', match: hosts('kagi.com') },
  { name: 'Startpage', kind: 'search', match: hosts('www.startpage.com') },
  { name: 'Qwant', kind: 'search', match: hosts('www.qwant.com') },
  { name: 'Yandex Search', kind: 'search', match: [{ host: 'yandex.com', path: '/search' }, { host: 'ya.ru' }] },
  { name: 'Baidu', kind: 'search', match: hosts('www.baidu.com') },

  // newtab: new-tab pages served over the web (browser-internal new tabs are transit by scheme)
  { name: 'Microsoft Edge new tab', kind: 'newtab', match: hosts('ntp.msn.com') },
];
