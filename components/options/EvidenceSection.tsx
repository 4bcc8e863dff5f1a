/**
 * Evidence for a partnerships team: exports, the brief, backups, the team's settings, and the team
 * ranking from imports, with the files it is made of (each removable).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount, formatOneDecimal } from '@/utils/figures/format';
import type { ImportMessage, PickedFile } from '@/utils/exchange/import-files';
import type { TeamView } from '@/utils/exchange/team-list';
import { TEAM_LABEL } from '@/utils/settings/declarations';
import { LOCKED_NOTE } from './locked';
import { useCommitOnHide } from './use-commit-on-hide';

interface Props {
  team: string | null;
  onSaveTeam: (team: string | null) => void;
  /** The team label was set by the organisation's policy: shown, not editable. */
  teamLocked?: boolean;
  onExportJson: () => Promise<void>;
  onExportCsv: () => Promise<void>;
  onExportBrief: () => void;
  onBackup: () => Promise<void>;
  onImport: (files: PickedFile[]) => Promise<ImportMessage[]>;
  /** Downloads the team's settings (label, your product, seats, assumptions) for colleagues to import. */
  onExportTeamSettings: () => void;
  /** The team's imported files and their ranking; null before any was imported. */
  teamView: TeamView | null;
  onRemoveTeamFile: (personId: string) => void;
  onExportTeamJson: () => void;
  onExportTeamCsv: () => void;
  onTeamBrief: () => void;
  onClearTeam: () => void;
}

const one = formatOneDecimal;

export function EvidenceSection(props: Props) {
  const picker = useRef<HTMLInputElement>(null);
  const [team, setTeam] = useState(props.team ?? '');
  const [messages, setMessages] = useState<ImportMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const [teamSaved, setTeamSaved] = useState(false);
  useEffect(() => setTeam(props.team ?? ''), [props.team]);
  // The label applies as it is committed (Enter, leaving the field), as every setting does.
  const commitTeam = () => {
    const label = team.trim().slice(0, TEAM_LABEL.maxLength) || null;
    if (props.teamLocked || label === (props.team ?? null)) return;
    props.onSaveTeam(label);
    setTeamSaved(true);
  };
  useCommitOnHide(commitTeam);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action()
      .catch((error: unknown) => setMessages([{ file: '', ok: false, text: `That did not work: ${String(error)}` }]))
      .finally(() => setBusy(false));
  };
  const view = props.teamView;
  const evidence = view?.evidence ?? null;
  const names = new Map(evidence?.apps.map((a) => [a.id, a.name]) ?? []);

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <p class="hint">
        Exports hold aggregates only: pairs of apps, counts and seconds, with every assumption and its source. No
        addresses, titles or times of single switches.
      </p>
      <form class="inline-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {TEAM_LABEL.label}{' '}
          <input
            value={team}
            placeholder={TEAM_LABEL.placeholder}
            maxLength={TEAM_LABEL.maxLength}
            disabled={props.teamLocked}
            aria-describedby={props.teamLocked ? 'team-label-locked' : undefined}
            onInput={(e) => {
              setTeam((e.target as HTMLInputElement).value);
              setTeamSaved(false);
            }}
            onChange={commitTeam}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitTeam();
            }}
          />
        </label>
        {props.teamLocked && (
          <span class="locked" id="team-label-locked">
            {' '}
            {LOCKED_NOTE}
          </span>
        )}
        <span role="status" class="saved">
          {teamSaved ? ' Saved.' : ''}
        </span>
      </form>
      <div class="buttons">
        <button type="button" disabled={busy} onClick={() => run(props.onExportJson)}>
          Export JSON
        </button>
        <button type="button" disabled={busy} onClick={() => run(props.onExportCsv)}>
          Export CSV
        </button>
        <button type="button" disabled={busy} onClick={props.onExportBrief}>
          Export brief
        </button>
        <button type="button" disabled={busy} onClick={() => run(props.onBackup)}>
          Download backup
        </button>
        <button type="button" disabled={busy} onClick={props.onExportTeamSettings}>
          Export team settings
        </button>
        <button type="button" disabled={busy} onClick={() => picker.current?.click()}>
          Import
        </button>
        <input
          ref={picker}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          data-testid="import-files"
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const files = [...(input.files ?? [])];
            input.value = '';
            if (files.length) run(async () => setMessages(await props.onImport(files)));
          }}
        />
      </div>
      <p class="source">
        Import takes backups (restored by merging: nothing here is lost), colleagues’ evidence files (added to the team
        ranking, each person once: a newer export replaces the older) and team settings files (applied in one step).
      </p>
      {messages.length > 0 && (
        <ul class="messages" aria-label="Import results">
          {messages.map((m, i) => (
            <li key={i} class={m.ok ? 'ok' : 'error'}>
              {/* The live role on a span inside: a list may hold list items only. */}
              <span role={m.ok ? 'status' : 'alert'}>
                {m.file && <strong>{m.file}: </strong>}
                {m.text}
              </span>
            </li>
          ))}
        </ul>
      )}
      {view && (view.entries.length > 0 || view.problems.length > 0) && (
        <>
          <h3>Team ranking</h3>
          {view.problems.map((problem) => (
            <p key={problem} role="alert" class="error">
              {problem}
            </p>
          ))}
          {evidence && (
            <p class="hint">
              {formatCount(view.entries.length)} {view.entries.length === 1 ? 'person' : 'people'},{' '}
              {evidence.period.start} to {evidence.period.end} ({formatCount(evidence.period.activeDays)} active days in
              all), priced with the assumptions above.
              {view.otherAssumptions > 0 &&
                ` ${formatCount(view.otherAssumptions)} ${view.otherAssumptions === 1 ? 'file was' : 'files were'} priced under other assumptions: re-priced here from their measured sums.`}
              {view.otherRules > 0 &&
                ` ${formatCount(view.otherRules)} ${view.otherRules === 1 ? 'file was' : 'files were'} recorded under other recording rules than this browser’s, or does not say which: their switches may have been counted differently.`}
            </p>
          )}
          {evidence && (
            <div class="table-wrap">
              <table class="team" aria-label="Team ranking, most hours a year first">
                <thead>
                  <tr>
                    <th scope="col">Pair</th>
                    <th scope="col" class="num">
                      People
                    </th>
                    <th scope="col" class="num">
                      Total hours / year
                    </th>
                    <th scope="col" class="num">
                      Median / person
                    </th>
                    <th scope="col" class="num">
                      75th percentile
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {evidence.pairs.slice(0, 20).map((p) => (
                    <tr key={p.apps.join('|')}>
                      <th scope="row">
                        {names.get(p.apps[0]) ?? p.apps[0]} ↔ {names.get(p.apps[1]) ?? p.apps[1]}
                        {p.preliminary && <span class="flag"> preliminary</span>}
                      </th>
                      <td class="num">{p.people}</td>
                      <td class="num">{one(p.annualHours)}</td>
                      <td class="num">{one(p.medianAnnualHours)}</td>
                      <td class="num">{one(p.p75AnnualHours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {view.entries.length > 0 && (
            <>
              <h4 id="team-files-title">Imported files, one per person</h4>
              <ul class="team-files" aria-labelledby="team-files-title">
                {view.entries.map((entry) => (
                  <li key={entry.id}>
                    <strong title={entry.id}>{entry.name}</strong>
                    {entry.team && ` (${entry.team})`}: {entry.period.start} to {entry.period.end},{' '}
                    {formatCount(entry.period.activeDays)} active {entry.period.activeDays === 1 ? 'day' : 'days'},{' '}
                    {formatCount(entry.pairs)} {entry.pairs === 1 ? 'pair' : 'pairs'}, exported {entry.exported}.
                    {entry.flags.map((flag) => (
                      <span key={flag} class="flag">
                        {' '}
                        {flag}
                      </span>
                    ))}{' '}
                    <button
                      type="button"
                      class="link"
                      aria-label={`Remove ${entry.name}’s file`}
                      onClick={() => props.onRemoveTeamFile(entry.id)}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="buttons">
            <button type="button" disabled={!evidence} onClick={props.onExportTeamJson}>
              Export team JSON
            </button>
            <button type="button" disabled={!evidence} onClick={props.onExportTeamCsv}>
              Export team CSV
            </button>
            <button type="button" disabled={!evidence} onClick={props.onTeamBrief}>
              Team brief
            </button>
            <button type="button" onClick={props.onClearTeam}>
              Clear team files
            </button>
          </div>
        </>
      )}
    </section>
  );
}
