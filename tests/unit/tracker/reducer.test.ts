import { describe, expect, it } from 'vitest';
import type { AttentionEvent, TrackerRecord } from '@/utils/tracker/reducer';
import { initialTrackerState, reduce } from '@/utils/tracker/reducer';
import {
  URL as U,
  active,
  attend,
  attendedSeconds,
  blur,
  close,
  context,
  events,
  idle,
  moves,
  navigate,
  pause,
  resume,
  mulberry32,
  randomAttention,
  run,
  startup,
  tick,
} from '../helpers/scenario';

type Case = [name: string, steps: Parameters<typeof events>[0], expected: string[]];

// Each row: a sequence of [seconds, event] and the switches and breaks it must record.
const cases: Case[] = [
  [
    'one app only: nothing to record',
    [
      [0, attend(1, U.slack)],
      [60, blur],
    ],
    [],
  ],
  [
    'straight from one app to another',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.dropbox)],
      [20, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'the seed look-up: Paychex → Dropbox → Paychex within a minute',
    [
      [0, attend(1, U.paychex)],
      [30, attend(2, U.dropbox)],
      [55, attend(1, U.paychex)],
      [90, blur],
    ],
    ['paychex→dropbox 0s', 'dropbox→paychex 0s detour 25s'],
  ],
  [
    'A → new tab → search page → B: the whole way is transit',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.newTab)],
      [12, navigate(2, U.search)],
      [15, navigate(2, U.dropbox)],
      [30, blur],
    ],
    ['slack→dropbox 5s'],
  ],
  [
    'A → SSO sign-in page → B: transit',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.sso)],
      [14, navigate(2, U.dropbox)],
      [30, blur],
    ],
    ['slack→dropbox 4s'],
  ],
  [
    'Ctrl+Tab cycling faster than minDwell: only the tab it stops on is landed',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.gmail)],
      [10.3, attend(3, U.docs)],
      [10.6, attend(4, U.sheets)],
      [10.9, attend(5, U.dropbox)],
      [30, blur],
    ],
    ['slack→dropbox 0.9s'],
  ],
  [
    'cycling through tabs and back to where it started: no switch',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.gmail)],
      [10.4, attend(3, U.docs)],
      [10.8, attend(1, U.slack)],
      [30, blur],
    ],
    [],
  ],
  [
    'a pass-through of exactly minDwell is a landing',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.gmail)],
      [11, attend(3, U.dropbox)],
      [30, blur],
    ],
    ['slack→gmail 0s', 'gmail→dropbox 0s'],
  ],
  [
    'one app in two tabs: no switch',
    [
      [0, attend(1, U.slack)],
      [20, attend(2, 'https://app.slack.com/client/T01/D09')],
      [40, attend(1, U.slack)],
      [60, blur],
    ],
    [],
  ],
  [
    'one app in two tabs, then another app',
    [
      [0, attend(1, U.slack)],
      [20, attend(2, 'https://app.slack.com/client/T01/D09')],
      [40, attend(3, U.dropbox)],
      [60, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'SPA navigation inside an app: no switch',
    [
      [0, attend(1, U.slack)],
      [5, navigate(1, 'https://app.slack.com/client/T01/C99')],
      [9, navigate(1, U.slack)],
      [30, blur],
    ],
    [],
  ],
  [
    'Docs → Sheets in one tab is a switch',
    [
      [0, attend(1, U.docs)],
      [40, navigate(1, U.sheets)],
      [80, blur],
    ],
    ['google-docs→google-sheets 0s'],
  ],
  [
    'a URL change in a tab that is not attended changes nothing',
    [
      [0, attend(1, U.slack)],
      [5, navigate(7, U.dropbox)],
      [30, attend(2, U.gmail)],
      [60, blur],
    ],
    ['slack→gmail 0s'],
  ],
  [
    'a gap of 120 s is still a switch',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.newTab)],
      [130, attend(3, U.dropbox)],
      [150, blur],
    ],
    ['slack→dropbox 120s'],
  ],
  [
    'a gap of 121 s is a break',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.newTab)],
      [131, attend(3, U.dropbox)],
      [150, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'idle inside a transit: break',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.newTab)],
      [12, idle],
      [40, active],
      [45, attend(3, U.dropbox)],
      [60, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'going idle on A and coming back to B: break',
    [
      [0, attend(1, U.slack)],
      [60, idle],
      [400, attend(2, U.dropbox)],
      [420, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'idle in the middle of a visit ends it; a later switch from the same app counts from the return',
    [
      [0, attend(1, U.slack)],
      [60, idle],
      [400, active],
      [400, attend(1, U.slack)],
      [410, attend(2, U.dropbox)],
      [430, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'back from idle with no new tab event resumes the same page',
    [
      [0, attend(1, U.slack)],
      [60, idle],
      [400, active],
      [420, attend(2, U.dropbox)],
      [430, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'two browser windows with a focus flicker between them: a switch',
    [
      [0, attend(1, U.slack)],
      [30, blur],
      [30.15, attend(2, U.dropbox)],
      [60, blur],
    ],
    ['slack→dropbox 0.15s'],
  ],
  [
    'focus away from the browser for 1.5 s (the debounce) is still a switch',
    [
      [0, attend(1, U.slack)],
      [30, blur],
      [31.5, attend(2, U.dropbox)],
      [60, blur],
    ],
    ['slack→dropbox 1.5s'],
  ],
  [
    'the browser blurred for minutes: break',
    [
      [0, attend(1, U.slack)],
      [30, blur],
      [330, attend(2, U.dropbox)],
      [360, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'focus away for 3 s, longer than the debounce: break',
    [
      [0, attend(1, U.slack)],
      [30, blur],
      [33, attend(2, U.dropbox)],
      [60, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'A → B → A with B under 120 s: detour with B’s dwell',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [90, attend(1, U.slack)],
      [120, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s detour 30s'],
  ],
  [
    'a detour through transit pages keeps its transit',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.newTab)],
      [62, navigate(2, U.dropbox)],
      [92, attend(1, U.slack)],
      [120, blur],
    ],
    ['slack→dropbox 2s', 'dropbox→slack 0s detour 30s'],
  ],
  [
    'A → B for exactly 120 s → A: still a detour',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [180, attend(1, U.slack)],
      [200, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s detour 120s'],
  ],
  [
    'A → B for ten minutes → A: no detour',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [660, attend(1, U.slack)],
      [700, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s'],
  ],
  [
    'A → B → C: moving on is not a detour',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [70, attend(3, U.gmail)],
      [100, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→gmail 0s'],
  ],
  [
    'ping-pong: every return is a detour with the dwell of the visit it ends',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [70, attend(1, U.slack)],
      [75, attend(2, U.dropbox)],
      [200, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s detour 10s', 'slack→dropbox 0s detour 5s'],
  ],
  [
    'A → B → transit → B → A: B’s visit runs from its landing to leaving it for good',
    [
      [0, attend(1, U.slack)],
      [60, attend(2, U.dropbox)],
      [70, attend(3, U.newTab)],
      [75, attend(2, U.dropbox)],
      [95, attend(1, U.slack)],
      [120, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s detour 35s'],
  ],
  [
    'after a break, a return is not a detour',
    [
      [0, attend(1, U.slack)],
      [60, blur],
      [600, attend(2, U.dropbox)],
      [620, attend(1, U.slack)],
      [640, blur],
    ],
    ['break slack→dropbox', 'dropbox→slack 0s'],
  ],
  [
    'other sites inside a transit: up to 30 s counts as transit',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.news)],
      [40, attend(3, U.dropbox)],
      [60, blur],
    ],
    ['slack→dropbox 30s'],
  ],
  [
    'more than 30 s on other sites: break',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.news)],
      [41, attend(3, U.dropbox)],
      [60, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'the 30 s budget adds up across other sites',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.news)],
      [26, attend(3, U.newTab)],
      [27, attend(4, U.blog)],
      [43, attend(5, U.dropbox)],
      [60, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'closing the attended tab moves attention to the next one',
    [
      [0, attend(1, U.slack)],
      [20, close(1)],
      [20.01, attend(2, U.dropbox)],
      [40, blur],
    ],
    ['slack→dropbox 0.01s'],
  ],
  [
    'closing a tab in the background changes nothing',
    [
      [0, attend(1, U.slack)],
      [20, close(9)],
      [40, attend(2, U.dropbox)],
      [60, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'pause and resume: nothing is recorded in between, and nothing priced across it',
    [
      [0, attend(1, U.slack)],
      [10, pause],
      [20, attend(2, U.dropbox)],
      [30, attend(1, U.slack)],
      [40, resume],
      [40, attend(2, U.dropbox)],
      [50, attend(3, U.gmail)],
      [70, blur],
    ],
    ['break slack→dropbox', 'dropbox→gmail 0s'],
  ],
  [
    'resuming on the same app, then switching, counts from the resume',
    [
      [0, attend(1, U.slack)],
      [10, pause],
      [40, resume],
      [40, attend(1, U.slack)],
      [50, attend(2, U.dropbox)],
      [70, blur],
    ],
    ['slack→dropbox 0s'],
  ],
  [
    'incognito windows are ignored: visiting one between two apps is time away',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.dropbox, true)],
      [15, attend(3, U.gmail)],
      [30, blur],
    ],
    ['break slack→gmail'],
  ],
  [
    'an app opened in an incognito window is never recorded',
    [
      [0, attend(1, U.dropbox, true)],
      [30, attend(2, U.slack, true)],
      [60, navigate(2, U.gmail)],
      [90, blur],
    ],
    [],
  ],
  [
    'a browser restart is never priced across',
    [
      [0, attend(1, U.slack)],
      [5, tick],
      [30, startup],
      [30, attend(2, U.dropbox)],
      [60, blur],
    ],
    ['break slack→dropbox'],
  ],
  [
    'an app attended for less than minDwell at the end is never landed',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.dropbox)],
      [10.5, blur],
    ],
    [],
  ],
  [
    'a page that cannot be parsed is another site, and tracking goes on',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, 'not a url at all')],
      [15, attend(3, 'javascript:void(0)')],
      [20, attend(4, U.dropbox)],
      [30, blur],
    ],
    ['slack→dropbox 10s'],
  ],
  [
    'an event stamped earlier than the one before is treated as simultaneous',
    [
      [0, attend(1, U.slack)],
      [10, attend(2, U.dropbox)],
      [30, attend(3, U.gmail)],
      [25, attend(1, U.slack)],
      [60, blur],
    ],
    ['slack→dropbox 0s', 'dropbox→slack 0s detour 20s'],
  ],
];

describe('tracker reducer', () => {
  it.each(cases)('%s', (_name, steps, expected) => {
    expect(moves(run(events(steps)).records)).toEqual(expected);
  });

  it('has the cases the design asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
});

describe('attended time', () => {
  it('splits a visit across local midnight into two days', () => {
    const lateEvening = Date.parse('2026-03-10T23:50:00-04:00');
    const { records } = run(
      events(
        [
          [0, attend(1, U.slack)],
          [20 * 60, blur],
        ],
        lateEvening,
      ),
    );
    expect(attendedSeconds(records)).toEqual({ '2026-03-10 slack': 600, '2026-03-11 slack': 600 });
  });

  it('puts a switch on the day its landing happened', () => {
    const lateEvening = Date.parse('2026-03-10T23:59:50-04:00');
    const { records } = run(
      events(
        [
          [0, attend(1, U.slack)],
          [5, attend(2, U.newTab)],
          [15, attend(3, U.dropbox)],
          [30, blur],
        ],
        lateEvening,
      ),
    );
    const switches = records.filter((r) => r.type === 'switch');
    expect(switches).toMatchObject([{ from: 'slack', to: 'dropbox', day: '2026-03-11', transitMs: 10_000 }]);
  });

  it('splits at the real midnight on the night clocks go forward', () => {
    // 8 March 2026: New York skips from 02:00 to 03:00; midnight itself is unaffected.
    const start = Date.parse('2026-03-07T23:30:00-05:00');
    const { records } = run(
      events(
        [
          [0, attend(1, U.docs)],
          [4 * 3600, blur],
        ],
        start,
      ),
    );
    expect(attendedSeconds(records)).toEqual({
      '2026-03-07 google-docs': 1800,
      '2026-03-08 google-docs': 4 * 3600 - 1800,
    });
  });

  it('counts transit pages, other sites and pass-throughs as browsing time of no app', () => {
    const { records } = run(
      events([
        [0, attend(1, U.slack)],
        [10, attend(2, U.newTab)],
        [12, attend(3, U.news)],
        [20, attend(4, U.gmail)],
        [20.5, attend(5, U.dropbox)],
        [40, blur],
      ]),
    );
    expect(attendedSeconds(records)).toEqual({
      '2026-03-10 slack': 10,
      '2026-03-10 -': 10.5,
      '2026-03-10 dropbox': 19.5,
    });
  });

  it('does not count idle, blurred, paused or incognito time', () => {
    const { records } = run(
      events([
        [0, attend(1, U.slack)],
        [10, idle],
        [100, active],
        [110, blur],
        [200, attend(1, U.slack)],
        [210, pause],
        [300, resume],
        [300, attend(2, U.dropbox, true)],
        [400, attend(1, U.slack)],
        [405, blur],
      ]),
    );
    expect(attendedSeconds(records)).toEqual({ '2026-03-10 slack': 10 + 10 + 10 + 5 });
  });

  it('ends the open visit at the last event seen when the browser restarts', () => {
    const { records } = run(
      events([
        [0, attend(1, U.slack)],
        [30, navigate(1, U.slack)],
        [5000, startup],
      ]),
    );
    expect(attendedSeconds(records)).toEqual({ '2026-03-10 slack': 30 });
  });
});

describe('tracker state', () => {
  it('keeps no URL or hostname, only app ids', () => {
    const { state } = run(
      events([
        [0, attend(1, U.slack)],
        [10, attend(2, U.news)],
        [20, attend(3, 'https://secret.example/payroll?id=42')],
      ]),
    );
    const json = JSON.stringify(state);
    expect(json).not.toMatch(/news\.ycombinator|secret\.example|payroll|https?:/);
    expect(json).toContain('slack');
  });

  it('ignores every event but resume while paused', () => {
    const [first, ...rest] = events([
      [0, pause],
      [10, attend(1, U.slack)],
      [20, blur],
      [30, idle],
    ]);
    let state = reduce(run([events([[0, attend(1, U.slack)]])[0] as AttentionEvent]).state, first!, context).state;
    for (const event of rest) {
      const next = reduce(state, event, context);
      expect(next.records).toEqual([]);
      expect(next.state).toBe(state);
      state = next.state;
    }
  });

  it('records a landing on a tick, as soon as minDwell has passed', () => {
    const [a, b, t] = events([
      [0, attend(1, U.slack)],
      [10, attend(2, U.dropbox)],
      [11, tick],
    ]);
    const before = run([a!, b!]);
    expect(moves(before.records)).toEqual([]);
    expect(moves(reduce(before.state, t!, context).records)).toEqual(['slack→dropbox 0s']);
  });

  it('records the same switches whether or not ticks arrive in between', () => {
    const random = mulberry32(7);
    const urls = [U.slack, U.dropbox, U.gmail, U.docs, U.sheets, U.newTab, U.search, U.news, U.sso];
    for (let trial = 0; trial < 50; trial++) {
      const plain = randomAttention(random, urls, 60);
      const ticked = plain.flatMap((event, i): AttentionEvent[] => {
        const next = plain[i + 1]?.at ?? event.at + 10_000;
        return [event, { type: 'tick', at: event.at + Math.floor(random() * (next - event.at)) }];
      });
      // The same final event for both, so the last landing is settled the same way.
      const end: AttentionEvent = { type: 'blur', at: plain.at(-1)!.at + 10_000 };
      expect(moves(run([...ticked, end]).records)).toEqual(moves(run([...plain, end]).records));
    }
  });
});

describe('unrecognised sites (opt-in)', () => {
  const steps = events([
    [0, attend(1, U.slack)],
    [10, attend(2, U.news)],
    [25, attend(3, U.blog)],
    [30, attend(4, U.dropbox)],
    [40, blur],
  ]);

  it('records the hostnames of other sites with their time, only when opted in', () => {
    const { records, state } = run(steps, { ...context, rememberSites: true });
    const sites = records.flatMap((r) => (r.type === 'attended' && r.site ? [[r.site, r.ms / 1000]] : []));
    expect(sites).toEqual([
      ['news.ycombinator.com', 15],
      ['example.org', 5],
    ]);
    // Time on two other sites still adds up against the 30 s budget: this stays a switch.
    expect(moves(records)).toEqual(['slack→dropbox 20s']);
    expect(JSON.stringify(state)).not.toContain('news.ycombinator.com');
  });

  it('keeps no hostname anywhere without the opt-in', () => {
    const { records, state } = run(steps);
    expect(JSON.stringify(records)).not.toMatch(/ycombinator|example\.org/);
    expect(JSON.stringify(state)).not.toMatch(/ycombinator|example\.org/);
  });
});

describe('after a restart or lost events', () => {
  it('lands nothing past the last event known: a visit short of landing then never landed', () => {
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    const reduce1 = (events: AttentionEvent[]) => {
      let state = initialTrackerState(t);
      const records: TrackerRecord[] = [];
      for (const event of events) {
        const next = reduce(state, event, context);
        state = next.state;
        records.push(...next.records);
      }
      return records;
    };
    for (const type of ['startup', 'lost'] as const) {
      const records = reduce1([
        { type: 'attend', at: t, tabId: 1, url: U.slack },
        { type: 'attend', at: t + 10_000, tabId: 2, url: U.dropbox },
        // The browser was killed 0.3 s into Dropbox: the next session starts an hour later.
        { type, at: t + 10_300 + 3_600_000 },
      ]);
      expect(records.filter((r) => r.type === 'switch')).toEqual([]);
      expect(records.filter((r) => r.type === 'attended' && r.appId === 'dropbox')).toEqual([]);
    }
  });
});
