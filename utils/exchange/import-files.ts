/**
 * The options page's Import: each picked file is checked on its own and routed by its format: a
 * backup (merged into this browser's data and settings), evidence (its people join the team
 * ranking, each person once, re-priced from their measured sums) or a team's settings (applied as
 * the form would, leaving what a policy set). A bad file gets a message naming the problem and
 * changes nothing; the other files still go in.
 */
import { BACKUP_FORMAT, MAX_BACKUP_BYTES, readBackup, restoreBackup } from './backup';
import type { Store } from '../store';
import type { PersonalEvidence } from './evidence';
import { EVIDENCE_FORMAT, isTeam, MAX_EVIDENCE_BYTES, personalFiles, readEvidence } from './evidence';
import type { EvidenceSettings } from './evidence-source';
import { checkFormat, ImportError, parseJsonSafely } from './import-guard';
import type { AddOutcome } from './team-list';
import { addPerson, differences, exportedAt, personName, priceable } from './team-list';
import type { TeamSettingKey, TeamSettings } from '../settings/team-setup';
import { readTeamSettingsFile, TEAM_SETTINGS_FORMAT, TEAM_SETTINGS_VERSION } from '../settings/team-setup';

export interface PickedFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface ImportDeps {
  store: Pick<Store, 'restore'>;
  /** Merges a backup's settings; returns the names of settings it refused. */
  restoreSettings(settings: Record<string, unknown>): Promise<string[]>;
  /** The team's people already imported, each once (`readStoredTeam`). */
  teamFiles: readonly PersonalEvidence[];
  saveTeamFiles(files: PersonalEvidence[]): Promise<void>;
  /**
   * What this page prices and records with: an evidence file is priced with them before it is
   * taken, and its differences named. Without them, a file is taken unchecked and unflagged.
   */
  settings?: EvidenceSettings;
  /** Stores a team's settings, leaving those a policy locked; returns the settings it changed. */
  applyTeamSettings?(settings: TeamSettings): Promise<TeamSettingKey[]>;
  now?: Date;
}

export interface ImportMessage {
  file: string;
  ok: boolean;
  text: string;
}

/** Each team setting, as people call it. */
const SETTING_WORDS: Record<TeamSettingKey, string> = {
  team: 'team label',
  yourProduct: 'your product',
  seats: 'seats',
  assumptions: 'assumptions',
};

export async function importFiles(files: readonly PickedFile[], deps: ImportDeps): Promise<ImportMessage[]> {
  const messages: ImportMessage[] = [];
  let team = [...deps.teamFiles];
  let teamChanged = false;
  for (const file of files) {
    try {
      // Refuse huge files before reading them into memory.
      if (file.size > MAX_BACKUP_BYTES)
        throw new ImportError(`The file is larger than ${MAX_BACKUP_BYTES / 1_048_576} MB.`);
      const value = parseJsonSafely(await file.text(), MAX_BACKUP_BYTES, 'The file');
      const format = (value as { format?: unknown } | null)?.format;
      let text: string;
      if (format === BACKUP_FORMAT) {
        const backup = readBackup(value);
        const { daysAdded, switchesAdded } = await restoreBackup(deps.store, backup);
        const refused = await deps.restoreSettings(backup.settings);
        text =
          `Backup restored: ${switchesAdded} switches and ${daysAdded} days added; what was already here was kept.` +
          (refused.length ? ` Settings left out because they were not valid: ${refused.join(', ')}.` : '');
      } else if (format === EVIDENCE_FORMAT) {
        if (file.size > MAX_EVIDENCE_BYTES)
          throw new ImportError(`The evidence file is larger than ${MAX_EVIDENCE_BYTES / 1_048_576} MB.`);
        const evidence = readEvidence(value);
        const people = personalFiles(evidence);
        const now = deps.now ?? new Date();
        const unpriceable = deps.settings && people.find((p) => !priceable(p, deps.settings!, now));
        if (unpriceable)
          throw new ImportError(
            `The evidence of ${personName(unpriceable.person.id)} could not be priced from its measured sums.`,
          );
        const outcomes: [PersonalEvidence, AddOutcome][] = [];
        for (const person of people) {
          const added = addPerson(team, person);
          team = added.list;
          outcomes.push([person, added.outcome]);
        }
        if (outcomes.some(([, o]) => o.kind === 'added' || o.kind === 'replaced')) teamChanged = true;
        text = isTeam(evidence) ? teamMessage(outcomes) : personMessage(...outcomes[0]!);
        const flags = deps.settings ? [...new Set(people.flatMap((p) => differences(p, deps.settings!)))] : [];
        if (flags.length && outcomes.some(([, o]) => o.kind === 'added' || o.kind === 'replaced'))
          text += ` Note: ${isTeam(evidence) ? 'some were' : 'it was'} ${flags.join('; ')}.`;
      } else if (format === TEAM_SETTINGS_FORMAT) {
        checkFormat(value, TEAM_SETTINGS_FORMAT, TEAM_SETTINGS_VERSION, 'team settings file');
        const read = readTeamSettingsFile(value);
        if (!read.ok) throw new ImportError(`The team settings file is not valid: ${read.problem}.`);
        if (!deps.applyTeamSettings) throw new ImportError('Team settings cannot be imported here.');
        const named = (Object.keys(read.file.settings) as TeamSettingKey[]).filter(
          (key) => read.file.settings[key] !== undefined,
        );
        const changed = await deps.applyTeamSettings(read.file.settings);
        const kept = named.filter((key) => !changed.includes(key));
        text = changed.length
          ? `Team settings applied: ${changed.map((k) => SETTING_WORDS[k]).join(', ')}.`
          : 'The team settings changed nothing.';
        if (kept.length)
          text += ` Left as your organisation set them: ${kept.map((k) => SETTING_WORDS[k]).join(', ')}.`;
      } else
        throw new ImportError(
          'This is not a Toggle Tax backup, evidence or team settings file (its "format" is missing or different).',
        );
      messages.push({ file: file.name, ok: true, text });
    } catch (error) {
      const text = error instanceof ImportError ? error.message : `It could not be imported (${String(error)}).`;
      messages.push({ file: file.name, ok: false, text: `${text} Nothing was changed.` });
    }
  }
  if (teamChanged) await deps.saveTeamFiles(team);
  return messages;
}

const period = (p: PersonalEvidence) => `${p.period.start} to ${p.period.end}`;

function personMessage(person: PersonalEvidence, outcome: AddOutcome): string {
  const who = personName(person.person.id);
  switch (outcome.kind) {
    case 'added':
      return `Added to the team ranking: ${who}, ${period(person)}, ${person.pairs.length} pairs.`;
    case 'duplicate':
      return `Already imported: this is a duplicate of ${who}’s file, so nothing was added.`;
    case 'replaced':
      return `A newer export from ${who}: it replaced their older one (exported ${exportedAt(outcome.older.generatedAt)}); each person counts once.`;
    case 'older':
      return `An older export from ${who}: their newer one (exported ${exportedAt(outcome.newer.generatedAt)}) is kept, so nothing was changed.`;
  }
}

function teamMessage(outcomes: readonly [PersonalEvidence, AddOutcome][]): string {
  const count = (kind: AddOutcome['kind']) => outcomes.filter(([, o]) => o.kind === kind).length;
  const [added, replaced, duplicate, older] = [count('added'), count('replaced'), count('duplicate'), count('older')];
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
  if (added + replaced === 0)
    return `Already imported: every one of this team file’s ${people(outcomes.length)} is here with the same or a newer export (a duplicate), so nothing was added.`;
  const parts = [
    added && `${people(added)} added`,
    replaced &&
      (replaced === 1 ? '1 newer export replaced an older one' : `${replaced} newer exports replaced older ones`),
    duplicate && `${duplicate} already here (duplicates)`,
    older && `${older} older ${older === 1 ? 'export' : 'exports'} left out (a newer one is here)`,
  ].filter(Boolean);
  return `Team file of ${people(outcomes.length)}: ${parts.join(', ')}. Each person counts once.`;
}
