/** Which catalog apps a custom app would take hosts from, and the warning that says so. */
import { describe, expect, it } from 'vitest';
import { APPS } from '@/utils/catalog/apps';
import { createClassifier } from '@/utils/catalog/classify';
import { catalogTakeovers, rulesMeet, takeoverWarning } from '@/utils/catalog/takeover';
import type { AppEntry } from '@/utils/catalog/types';
import { NO_USER_RULES } from '@/utils/catalog/types';

const names = (hosts: string[], path?: string) =>
  catalogTakeovers(
    hosts.map((host) => (path ? { host, path } : { host })),
    APPS,
  ).map((t) => [t.host, t.apps.map((a) => a.name)]);

describe('rulesMeet', () => {
  it.each([
    [{ host: 'slack.com' }, { host: '*.slack.com' }, true],
    [{ host: '*.slack.com' }, { host: 'app.slack.com' }, true],
    [{ host: 'app.slack.com' }, { host: 'app.slack.com' }, true],
    [{ host: 'team.slack.com' }, { host: 'app.slack.com' }, false],
    [{ host: 'notslack.com' }, { host: '*.slack.com' }, false],
    [{ host: 'docs.google.com', path: '/wiki' }, { host: 'docs.google.com', path: '/spreadsheets' }, false],
    [{ host: 'docs.google.com', path: '/spreadsheets/d' }, { host: 'docs.google.com', path: '/spreadsheets' }, true],
    [{ host: 'docs.google.com' }, { host: 'docs.google.com', path: '/spreadsheets' }, true],
  ])('%j and %j: %s', (custom, catalog, meet) => {
    expect(rulesMeet(custom, catalog)).toBe(meet);
  });
});

describe('catalogTakeovers', () => {
  it('finds Slack for slack.com and *.slack.com, and nothing for an organisation’s own host', () => {
    expect(names(['slack.com'])).toEqual([['slack.com', ['Slack']]]);
    expect(names(['*.slack.com', 'jira.acme-corp.test'])).toEqual([['*.slack.com', ['Slack']]]);
    expect(names(['jira.acme-corp.test', 'wiki.acme-corp.test'])).toEqual([]);
  });

  it('is right that the custom app wins: the classifier then counts Slack’s pages as the custom app', () => {
    const custom: AppEntry = {
      id: 'custom-chat',
      name: 'Chat',
      vendor: 'Custom',
      category: 'chat',
      match: [{ host: '*.slack.com' }],
    };
    expect(catalogTakeovers(custom.match, APPS).map((t) => t.apps.map((a) => a.id))).toEqual([['slack']]);
    const classify = createClassifier({ apps: APPS, transit: [], user: { ...NO_USER_RULES, customApps: [custom] } });
    expect(classify('https://app.slack.com/client/T1')).toEqual({ kind: 'app', appId: 'custom-chat' });
  });

  it('leaves out a catalog rule that excludes pages', () => {
    const catalog: AppEntry[] = [
      {
        id: 'desk',
        name: 'Desk',
        vendor: 'Desk',
        category: 'support-itsm',
        match: [{ host: '*.desk.test' }, { host: 'help.desk.test', exclude: true }],
      },
      {
        id: 'help',
        name: 'Help',
        vendor: 'Help',
        category: 'support-itsm',
        match: [{ host: 'help.desk.test', exclude: true }],
      },
    ];
    expect(catalogTakeovers([{ host: 'help.desk.test' }], catalog).map((t) => t.apps.map((a) => a.id))).toEqual([
      ['desk'],
    ]);
  });
});

describe('takeoverWarning', () => {
  const slack = APPS.find((a) => a.id === 'slack')!;
  it('names the host and the app it would replace', () => {
    expect(takeoverWarning('Acme Chat', [{ host: 'slack.com', apps: [slack] }])).toBe(
      'slack.com is also where Toggle Tax recognises Slack. Adding Acme Chat would replace Slack there: time there would count as Acme Chat.',
    );
  });
  it('names at most five apps, and says how many more', () => {
    const takeovers = catalogTakeovers([{ host: '*.google.com' }, { host: 'slack.com' }], APPS);
    const text = takeoverWarning('Everything', takeovers);
    expect(text).toMatch(/^\*\.google\.com and slack\.com are also where Toggle Tax recognises /);
    const named = text.slice(text.indexOf('recognises ') + 'recognises '.length, text.indexOf(' more.'));
    expect(named).toMatch(/ and \d+$/);
    expect(named.replace(/ and \d+$/, '').split(', ')).toHaveLength(5);
    expect(text).toMatch(/Adding Everything would replace them there/);
  });
});
