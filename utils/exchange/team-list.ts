/**
 * The team's imported files, one per person: each person counts once (their newest export), the
 * same file imported again is a duplicate, and what is stored is checked again whenever it is read,
 * so a stale or unpriceable stored list can never break a page: what cannot be read or priced is
 * left out, and said so.
 */
import type { Assumptions } from '../figures/cost-model';
import type { RecordingRules } from '../tracker/rules';
import type { EvidenceFile, PersonalEvidence } from './evidence';
import { assumptionsOf, personalFiles, readEvidence } from './evidence';
import type { EvidenceSettings } from './evidence-source';
import { teamEvidence } from './evidence-source';

/** What adding a person's file did. */
export type AddOutcome =
  | { kind: 'added' }
  | { kind: 'duplicate' }
  | { kind: 'replaced'; older: PersonalEvidence }
  | { kind: 'older'; newer: PersonalEvidence };

/** The list with `file` added: a person's newer export replaces their older one; the same export is a duplicate. */
export function addPerson(
  list: readonly PersonalEvidence[],
  file: PersonalEvidence,
): { list: PersonalEvidence[]; outcome: AddOutcome } {
  const known = list.find((p) => p.person.id === file.person.id);
  if (!known) return { list: [...list, file], outcome: { kind: 'added' } };
  if (known.generatedAt === file.generatedAt) return { list: [...list], outcome: { kind: 'duplicate' } };
  if (known.generatedAt > file.generatedAt) return { list: [...list], outcome: { kind: 'older', newer: known } };
  return { list: list.map((p) => (p === known ? file : p)), outcome: { kind: 'replaced', older: known } };
}

/**
 * The people of a stored team list, each checked again as an import is (a list stored by an
 * earlier version, or changed by hand, may not be valid now) and each once. `unreadable` counts
 * the stored files left out.
 */
export function readStoredTeam(stored: unknown): { people: PersonalEvidence[]; unreadable: number } {
  if (!Array.isArray(stored)) return { people: [], unreadable: stored === undefined || stored === null ? 0 : 1 };
  let people: PersonalEvidence[] = [];
  let unreadable = 0;
  for (const entry of stored) {
    let files: PersonalEvidence[];
    try {
      files = personalFiles(readEvidence(entry));
    } catch {
      unreadable++;
      continue;
    }
    for (const file of files) people = addPerson(people, file).list;
  }
  return { people, unreadable };
}

/** "person 1a2b3c4d": a person's id, shortened as pages show it. */
export function personName(id: string): string {
  return `person ${id.slice(0, 8)}`;
}

/** "2026-03-20 12:00 UTC": when a file was exported. */
export function exportedAt(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** How a person's file differs from what this page prices and records with, in plain words. */
export function differences(
  file: Pick<PersonalEvidence, 'assumptions' | 'rules'>,
  here: { assumptions: Assumptions; rules: RecordingRules },
): string[] {
  const flags: string[] = [];
  const theirs = assumptionsOf(file);
  if ((Object.keys(here.assumptions) as (keyof Assumptions)[]).some((key) => theirs[key] !== here.assumptions[key]))
    flags.push('priced under other assumptions (re-priced here with yours)');
  if (file.rules === null) flags.push('recording rules not stated (an older file)');
  else if ((Object.keys(here.rules) as (keyof RecordingRules)[]).some((key) => file.rules![key] !== here.rules[key]))
    flags.push('recorded under other recording rules');
  return flags;
}

export interface TeamEntry {
  id: string;
  /** "person 1a2b3c4d", with the team label the person exported under. */
  name: string;
  team: string | null;
  period: PersonalEvidence['period'];
  exported: string;
  pairs: number;
  flags: string[];
}

export interface TeamView {
  /** The people priced, each once. */
  people: PersonalEvidence[];
  /** Their evidence priced together under this page's settings; null when there is none. */
  evidence: EvidenceFile | null;
  entries: TeamEntry[];
  /** How many files were priced or recorded differently from this page. */
  otherAssumptions: number;
  otherRules: number;
  /** What was left out, in plain words. */
  problems: string[];
}

/**
 * The team as the options page shows it, from the stored list: never throws. A stored file that
 * cannot be read, or priced, is left out and named in `problems`.
 */
export function teamView(stored: unknown, settings: EvidenceSettings, now: Date): TeamView {
  const problems: string[] = [];
  const { people: read, unreadable } = readStoredTeam(stored);
  if (unreadable)
    problems.push(
      `${unreadable} stored team ${unreadable === 1 ? 'file' : 'files'} could not be read and ${unreadable === 1 ? 'is' : 'are'} left out; import ${unreadable === 1 ? 'it' : 'them'} again.`,
    );
  let people = read;
  let evidence: EvidenceFile | null = null;
  if (people.length) {
    try {
      evidence = teamEvidence(people, settings, now);
    } catch {
      // One file that cannot be priced must not hide the others: price each alone to find it.
      people = read.filter((person) => priceable(person, settings, now));
      const left = read.length - people.length;
      problems.push(
        `${left} stored team ${left === 1 ? 'file' : 'files'} could not be priced and ${left === 1 ? 'is' : 'are'} left out.`,
      );
      try {
        evidence = people.length ? teamEvidence(people, settings, now) : null;
      } catch {
        people = [];
        evidence = null;
        problems.push('The team files could not be priced together.');
      }
    }
  }
  const entries = people.map((p) => ({
    id: p.person.id,
    name: personName(p.person.id),
    team: p.team,
    period: p.period,
    exported: exportedAt(p.generatedAt),
    pairs: p.pairs.length,
    flags: differences(p, settings),
  }));
  const count = (flag: string) => entries.filter((e) => e.flags.some((f) => f.startsWith(flag))).length;
  return {
    people,
    evidence,
    entries,
    otherAssumptions: count('priced under other'),
    otherRules: count('recorded under other') + count('recording rules not'),
    problems,
  };
}

/** Whether a person's file can be priced under the settings. */
export function priceable(person: PersonalEvidence, settings: EvidenceSettings, now: Date): boolean {
  try {
    teamEvidence([person], settings, now);
    return true;
  } catch {
    return false;
  }
}
