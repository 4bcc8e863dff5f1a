/**
 * The options page's Import: each picked file is checked on its own and is either a backup (merged
 * into this browser's data and settings) or a person's evidence (added to the team ranking). A bad
 * file gets a message naming the problem and changes nothing; the other files still go in.
 */
import { BACKUP_FORMAT, MAX_BACKUP_BYTES, readBackup, restoreBackup } from './backup';
import type { Store } from '../store';
import type { EvidenceFile } from './evidence';
import { EVIDENCE_FORMAT, MAX_EVIDENCE_BYTES, readEvidence } from './evidence';
import { ImportError, parseJsonSafely } from './import-guard';

export interface PickedFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export interface ImportDeps {
  store: Pick<Store, 'restore'>;
  /** Merges a backup's settings; returns the names of settings it refused. */
  restoreSettings(settings: Record<string, unknown>): Promise<string[]>;
  /** Evidence files already in the team ranking. */
  teamFiles: readonly EvidenceFile[];
  saveTeamFiles(files: EvidenceFile[]): Promise<void>;
}

export interface ImportMessage {
  file: string;
  ok: boolean;
  text: string;
}

export async function importFiles(files: readonly PickedFile[], deps: ImportDeps): Promise<ImportMessage[]> {
  const messages: ImportMessage[] = [];
  const team = [...deps.teamFiles];
  for (const file of files) {
    try {
      // Refuse huge files before reading them into memory.
      if (file.size > MAX_BACKUP_BYTES)
        throw new ImportError(`The file is larger than ${MAX_BACKUP_BYTES / 1_048_576} MB.`);
      const value = parseJsonSafely(await file.text(), MAX_BACKUP_BYTES, 'The file');
      const format = (value as { format?: unknown } | null)?.format;
      if (format === BACKUP_FORMAT) {
        const backup = readBackup(value);
        const { daysAdded, switchesAdded } = await restoreBackup(deps.store, backup);
        const refused = await deps.restoreSettings(backup.settings);
        messages.push({
          file: file.name,
          ok: true,
          text:
            `Backup restored: ${switchesAdded} switches and ${daysAdded} days added; what was already here was kept.` +
            (refused.length ? ` Settings left out because they were not valid: ${refused.join(', ')}.` : ''),
        });
      } else if (format === EVIDENCE_FORMAT) {
        if (file.size > MAX_EVIDENCE_BYTES)
          throw new ImportError(`The evidence file is larger than ${MAX_EVIDENCE_BYTES / 1_048_576} MB.`);
        const evidence = readEvidence(value);
        team.push(evidence);
        messages.push({
          file: file.name,
          ok: true,
          text: `Evidence added to the team ranking: ${evidence.pairs.length} pairs from ${evidence.contributors} ${evidence.contributors === 1 ? 'person' : 'people'}.`,
        });
      } else
        throw new ImportError(
          'This is not a Toggle Tax backup or evidence file (its "format" is missing or different).',
        );
    } catch (error) {
      const text = error instanceof ImportError ? error.message : `It could not be imported (${String(error)}).`;
      messages.push({ file: file.name, ok: false, text: `${text} Nothing was changed.` });
    }
  }
  if (team.length !== deps.teamFiles.length) await deps.saveTeamFiles(team);
  return messages;
}
