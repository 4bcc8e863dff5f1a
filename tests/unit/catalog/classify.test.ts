import { describe, expect, it, vi } from 'vitest';
import type { Classification } from '@/utils/catalog/types';
import type { AppEntry, TransitEntry, UserRules } from '@/utils/catalog/types';
import { createClassifier, rememberingClassifier } from '@/utils/catalog/classify';

// A small made-up catalog, so each matching rule is tested on its own terms.
const apps: AppEntry[] = [
  {
    id: 'desk',
    name: 'Desk',
    vendor: 'V',
    category: 'support-itsm',
    match: [{ host: '*.desk.test' }, { host: '*.desk.test', path: '/hc', exclude: true }],
  },
  {
    id: 'wiki',
    name: 'Wiki',
    vendor: 'V',
    category: 'docs-knowledge',
    match: [{ host: '*.suite.test', path: '/wiki' }],
  },
  {
    id: 'tracker',
    name: 'Tracker',
    vendor: 'V',
    category: 'work-management',
    match: [{ host: '*.suite.test', path: '/browse' }],
  },
  { id: 'suite-other', name: 'Suite', vendor: 'V', category: 'other', match: [{ host: '*.suite.test' }] },
  { id: 'crm', name: 'CRM', vendor: 'V', category: 'crm-sales', match: [{ host: '*.crm.test' }] },
  { id: 'crm-setup', name: 'CRM setup', vendor: 'V', category: 'crm-sales', match: [{ host: '*.setup.crm.test' }] },
  {
    id: 'sheets',
    name: 'Sheets',
    vendor: 'G',
    category: 'spreadsheets-db',
    match: [{ host: 'docs.google.com', path: '/spreadsheets' }],
  },
  {
    id: 'chat',
    name: 'Chat',
    vendor: 'V',
    category: 'chat',
    match: [{ host: 'chat.example.com' }, { host: 'example.com', path: '/chat' }],
  },
];
const transit: TransitEntry[] = [
  { name: 'Sign-in', kind: 'auth', match: [{ host: 'login.crm.test' }] },
  { name: 'Search', kind: 'search', match: [{ host: 'www.google.com', path: '/search' }] },
];

const show = (c: Classification) => (c.kind === 'app' ? `app:${c.appId}` : c.kind);

describe('classifier', () => {
  const classify = createClassifier({ apps, transit });

  it.each([
    ['https://acme.desk.test/agent/tickets/1', 'app:desk'],
    ['https://eu.acme.desk.test/agent', 'app:desk'],
    ['https://desk.test/', 'other'],
    ['https://acme.desk.test/hc/en-us', 'other'],
    ['https://acme.desk.test/hcx', 'app:desk'],
    ['https://acme.suite.test/wiki/spaces/X', 'app:wiki'],
    ['https://acme.suite.test/wikipedia', 'app:suite-other'],
    ['https://acme.suite.test/browse/KEY-1', 'app:tracker'],
    ['https://acme.suite.test/', 'app:suite-other'],
    ['https://acme--uat.sandbox.my.crm.test/lightning', 'app:crm'],
    ['https://acme.setup.crm.test/setup', 'app:crm-setup'],
    ['https://login.crm.test/?sso=1', 'transit'],
    ['https://docs.google.com/spreadsheets/u/1/d/abc/edit', 'app:sheets'],
    ['https://docs.google.com/a/acme.com/spreadsheets/d/abc', 'app:sheets'],
    ['https://docs.google.com/document/d/abc', 'other'],
    ['https://www.google.com/search?q=x', 'transit'],
    ['https://www.google.com/maps', 'other'],
    ['https://CHAT.EXAMPLE.COM./room', 'app:chat'],
    ['https://chat.example.com:8443/room', 'app:chat'],
    ['https://example.com/chat/1', 'app:chat'],
    ['https://example.com/CHAT', 'app:chat'],
    ['https://chat.example.com.evil.test/', 'other'],
    ['chrome://newtab/', 'transit'],
    ['about:blank', 'transit'],
    ['file:///home/me/report.pdf', 'transit'],
    ['data:text/html,hello', 'other'],
    ['', 'other'],
    ['http://[::1]:8080/', 'other'],
  ])('%s → %s', (url, expected) => {
    expect(show(classify(url))).toBe(expected);
  });

  it('keeps the host of other sites, in memory, for the opt-in list of unrecognised sites', () => {
    expect(classify('https://intranet.acme.test/page')).toEqual({ kind: 'other', host: 'intranet.acme.test' });
  });

  it('lets user rules win over the catalog: custom apps, overrides, ignored apps', () => {
    const user: UserRules = {
      customApps: [
        {
          id: 'custom-jira',
          name: 'Jira (self-hosted)',
          vendor: 'Acme',
          category: 'work-management',
          match: [{ host: 'jira.acme.test' }],
        },
      ],
      overrides: [
        { rule: { host: 'help.acme.test' }, appId: 'desk' },
        { rule: { host: '*.desk.test', path: '/hc' }, appId: 'desk' },
      ],
      ignoredAppIds: ['chat'],
    };
    const mine = createClassifier({ apps, transit, user });
    expect(show(mine('https://jira.acme.test/browse/X-1'))).toBe('app:custom-jira');
    expect(show(mine('https://help.acme.test/'))).toBe('app:desk');
    expect(show(mine('https://acme.desk.test/hc/en-us'))).toBe('app:desk');
    expect(show(mine('https://chat.example.com/'))).toBe('other');
    expect(show(classify('https://chat.example.com/'))).toBe('app:chat');
  });

  it('matches hosts under country suffixes of two labels, and rules for everything under one label', () => {
    const user: UserRules = {
      customApps: [
        {
          id: 'custom-books',
          name: 'Books',
          vendor: 'Acme',
          category: 'finance-accounting',
          match: [{ host: '*.books.co.uk' }],
        },
        { id: 'custom-lab', name: 'Lab', vendor: 'Acme', category: 'other', match: [{ host: '*.lab' }] },
      ],
      overrides: [],
      ignoredAppIds: [],
    };
    const mine = createClassifier({ apps, transit, user });
    expect(show(mine('https://acme.books.co.uk/ledger'))).toBe('app:custom-books');
    expect(show(mine('https://other.co.uk/'))).toBe('other');
    expect(show(mine('https://wiki.team.lab/'))).toBe('app:custom-lab');
    expect(show(mine('https://lab/'))).toBe('other');
    // Such a rule is weighed like any other: a more specific rule of the user's wins over it, and it (the user's) over the catalog's.
    const broad = createClassifier({
      apps,
      transit,
      user: {
        customApps: [
          { id: 'custom-all', name: 'All', vendor: 'Acme', category: 'other', match: [{ host: '*.test' }] },
          {
            id: 'custom-desk',
            name: 'Our desk',
            vendor: 'Acme',
            category: 'other',
            match: [{ host: 'acme.desk.test' }],
          },
        ],
        overrides: [],
        ignoredAppIds: [],
      },
    });
    expect(show(broad('https://acme.desk.test/agent'))).toBe('app:custom-desk');
    expect(show(broad('https://other.desk.test/agent'))).toBe('app:custom-all');
  });
});

describe('rememberingClassifier', () => {
  it('answers as the classifier does, asking it once per address it still remembers', () => {
    const classify = vi.fn((url: string): Classification =>
      url.includes('slack') ? { kind: 'app', appId: 'slack' } : { kind: 'other', host: 'example.com' },
    );
    const remembering = rememberingClassifier(classify, 2);
    expect(remembering('https://app.slack.com/client')).toEqual({ kind: 'app', appId: 'slack' });
    expect(remembering('https://example.com/')).toEqual({ kind: 'other', host: 'example.com' });
    expect(remembering('https://app.slack.com/client')).toEqual({ kind: 'app', appId: 'slack' });
    expect(classify).toHaveBeenCalledTimes(2);
    // A third address: the oldest answer is forgotten, so memory stays bounded.
    remembering('https://app.slack.com/other');
    remembering('https://app.slack.com/client');
    remembering('https://app.slack.com/other');
    expect(classify).toHaveBeenCalledTimes(4);
    remembering('https://example.com/');
    expect(classify).toHaveBeenCalledTimes(5);
  });
});
