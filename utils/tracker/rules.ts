/**
 * The recording rules, each declared once: applied when recording, so changing one affects what is
 * recorded from then on. The tracker's type and defaults, the options page's form and the check of
 * a backup's rules derive from this table.
 */
import type { NumberField } from '../fields';
import { defaultsOf } from '../fields';

/** A recording rule: a number a person sets, and the rule in a sentence for people who read figures. */
export interface RuleField extends NumberField {
  /** The rule in a sentence, given its value in words ("120 seconds"); the brief states the rules so. */
  words: (value: string) => string;
}

/** Declared and shown in seconds, as the options page shows them; stored in milliseconds, as the tracker counts. */
const inSeconds = (field: Omit<RuleField, 'unit' | 'scale'>): RuleField => ({
  ...field,
  unit: 'seconds',
  scale: 1000,
});

export const RECORDING_RULES = {
  /** An app becomes the current app once attended this long (faster tab cycling is transit). */
  minDwellMs: inSeconds({
    label: 'Time to land on an app',
    min: 0.2,
    max: 10,
    default: 1,
    hint: 'Tabs passed through faster (Ctrl+Tab) are transit.',
    words: (value) =>
      `an app is reached once it has held attention for ${value}; tabs passed through faster are time between apps`,
  }),
  /** A gap longer than this between leaving one app and landing on the next is a break. */
  breakAfterMs: inSeconds({
    label: 'Longest transit',
    min: 10,
    max: 1800,
    default: 120,
    hint: 'A longer gap between two apps is a break, never priced.',
    words: (value) =>
      `a move counts when the next app is reached within ${value}, with no idle time or time away in between; a longer gap is a break, never priced`,
  }),
  /** A visit to B up to this long, between A→B and B→A, makes B→A a detour. */
  detourMaxMs: inSeconds({
    label: 'Longest detour',
    min: 5,
    max: 1800,
    default: 120,
    hint: 'A → B → A with B at most this long is a detour.',
    words: (value) => `A→B→A is a quick look-up when the time in B is at most ${value}`,
  }),
  /** A gap may hold at most this much time on other (non-app) sites. */
  otherBudgetMs: inSeconds({
    label: 'Time on other sites within a transit',
    min: 0,
    max: 600,
    default: 30,
    hint: 'A gap between two apps may hold at most this much time on sites that are not apps.',
    words: (value) => `the time between two apps may hold up to ${value} on sites that are not apps`,
  }),
  /**
   * Focus leaving the browser for up to this long is not time away: on some systems focus
   * flickers to "no window" when moving between two browser windows.
   */
  focusDebounceMs: inSeconds({
    label: 'Focus flicker ignored',
    min: 0,
    max: 10,
    default: 1.5,
    hint: 'Focus leaving the browser for at most this long, as between two browser windows, is not time away.',
    words: (value) => `focus leaving the browser for up to ${value}, as between two browser windows, is not time away`,
  }),
} satisfies Record<string, RuleField>;

/** The rules as the tracker reads them, in milliseconds. */
export type RecordingRules = Record<keyof typeof RECORDING_RULES, number>;

export const DEFAULT_RECORDING_RULES: RecordingRules = defaultsOf(RECORDING_RULES);
