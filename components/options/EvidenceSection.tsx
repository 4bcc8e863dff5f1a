/** Evidence for a partnerships team: exports, the brief, backups, and the team ranking from imports. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceFile } from '@/utils/exchange/evidence';
import { formatCount, formatOneDecimal } from '@/utils/figures/format';
import type { ImportMessage, PickedFile } from '@/utils/exchange/import-files';
import { TEAM_LABEL } from '@/utils/settings/declarations';

interface Props {
  team: string | null;
  onSaveTeam: (team: string | null) => void;
  onExportJson: () => Promise<void>;
  onExportCsv: () => Promise<void>;
  onExportBrief: () => void;
  onBackup: () => Promise<void>;
  onImport: (files: PickedFile[]) => Promise<ImportMessage[]>;
  /** The merged team ranking, when evidence files were imported. */
  teamEvidence: EvidenceFile | null;
  teamFileCount: number;
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
  useEffect(() => setTeam(props.team ?? ''), [props.team]);
  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action()
      .catch((error: unknown) => setMessages([{ file: '', ok: false, text: `That did not work: ${String(error)}` }]))
      .finally(() => setBusy(false));
  };
  const names = new Map(props.teamEvidence?.apps.map((a) => [a.id, a.name]) ?? []);

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <p class="hint">
        Exports hold aggregates only: pairs of apps, counts and seconds, with every assumption and its source. No
        addresses, titles or times of single switches.
      </p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSaveTeam(team.trim().slice(0, TEAM_LABEL.maxLength) || null);
        }}
      >
        <label>
          {TEAM_LABEL.label}{' '}
          <input
            value={team}
            placeholder={TEAM_LABEL.placeholder}
            maxLength={TEAM_LABEL.maxLength}
            onInput={(e) => setTeam((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        <button type="submit">Save label</button>
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
        Import takes backups (restored by merging: nothing here is lost) and colleagues’ evidence files (added to the
        team ranking).
      </p>
      {messages.length > 0 && (
        <ul class="messages" aria-label="Import results">
          {messages.map((m, i) => (
            <li key={i} role={m.ok ? 'status' : 'alert'} class={m.ok ? 'ok' : 'error'}>
              {m.file && <strong>{m.file}: </strong>}
              {m.text}
            </li>
          ))}
        </ul>
      )}
      {props.teamEvidence && (
        <>
          <h3>Team ranking</h3>
          <p class="hint">
            {formatCount(props.teamEvidence.contributors)} people in {formatCount(props.teamFileCount)} files,{' '}
            {props.teamEvidence.period.start} to {props.teamEvidence.period.end}, priced with the assumptions above.
          </p>
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
                {props.teamEvidence.pairs.slice(0, 20).map((p) => (
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
          <div class="buttons">
            <button type="button" onClick={props.onExportTeamJson}>
              Export team JSON
            </button>
            <button type="button" onClick={props.onExportTeamCsv}>
              Export team CSV
            </button>
            <button type="button" onClick={props.onTeamBrief}>
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
