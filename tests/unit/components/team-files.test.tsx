// @vitest-environment happy-dom
/**
 * The options page's team view and locked settings: the imported files listed one per person, each
 * removable by name; a stale stored list shown as a message, not a broken page; import messages
 * read out; and settings an organisation set by policy shown disabled with a note, never saved.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssumptionsSection } from '@/components/options/AssumptionsSection';
import { EvidenceSection } from '@/components/options/EvidenceSection';
import { RankingSection } from '@/components/options/RankingSection';
import { Contained } from '@/components/shared/Contained';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import type { ImportMessage } from '@/utils/exchange/import-files';
import type { TeamView } from '@/utils/exchange/team-list';
import { teamView } from '@/utils/exchange/team-list';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';
import type { Sums } from '../helpers/evidence';
import { evidenceSettings, NOW, personFile } from '../helpers/evidence';

afterEach(cleanup);

const SUMS: Sums[] = [{ apps: ['dropbox', 'paychex'], aToB: 60, bToA: 58, measuredSeconds: 900 }];
const anna = personFile('1a2b3c4d-anna-0001', SUMS, { settings: { team: 'Finance' } });
const ben = personFile('9f8e7d6c-ben-00002', SUMS, {
  activeDays: 14,
  period: { start: '2026-02-20', end: '2026-03-18' },
  settings: { assumptions: { ...DEFAULT_ASSUMPTIONS, ...PRESETS.high } },
});

function showEvidence(view: TeamView | null, extra: Partial<Parameters<typeof EvidenceSection>[0]> = {}) {
  const handlers = {
    onSaveTeam: vi.fn(),
    onRemoveTeamFile: vi.fn(),
    onClearTeam: vi.fn(),
    onImport: vi.fn(async (): Promise<ImportMessage[]> => []),
  };
  render(
    <EvidenceSection
      team="Finance"
      onExportJson={vi.fn(async () => {})}
      onExportCsv={vi.fn(async () => {})}
      onExportBrief={vi.fn()}
      onBackup={vi.fn(async () => {})}
      onExportTeamSettings={vi.fn()}
      teamView={view}
      onExportTeamJson={vi.fn()}
      onExportTeamCsv={vi.fn()}
      onTeamBrief={vi.fn()}
      {...handlers}
      {...extra}
    />,
  );
  return handlers;
}

describe('the team view', () => {
  it('says how many people over which dates, flags files priced otherwise, and lists each file', () => {
    showEvidence(teamView([anna, ben], evidenceSettings(), NOW));
    expect(screen.getByText(/^2 people, 2026-02-20 to 2026-03-20 \(24 active days in all\)/)).toBeTruthy();
    expect(screen.getByText(/1 file was priced under other assumptions: re-priced here/)).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Imported files, one per person' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(
        /^person 1a2b3c4d \(Finance\): 2026-03-01 to 2026-03-20, 10 active days, 1 pair, exported 2026-03-20 12:00 UTC\./,
      ),
      expect.stringMatching(
        /^person 9f8e7d6c: 2026-02-20 to 2026-03-18, 14 active days.*priced under other assumptions/,
      ),
    ]);
    expect(within(items[0]!).queryByText(/other assumptions/)).toBeNull();
    expect(screen.getByRole('table', { name: /Team ranking/ })).toBeTruthy();
  });

  it('removes one file by its button, and clears all', () => {
    const handlers = showEvidence(teamView([anna, ben], evidenceSettings(), NOW));
    fireEvent.click(screen.getByRole('button', { name: 'Remove person 9f8e7d6c’s file' }));
    expect(handlers.onRemoveTeamFile).toHaveBeenCalledWith('9f8e7d6c-ben-00002');
    fireEvent.click(screen.getByRole('button', { name: 'Clear team files' }));
    expect(handlers.onClearTeam).toHaveBeenCalledOnce();
  });

  it('shows a stale stored list as a message; the readable files still count', () => {
    showEvidence(teamView([{ format: 'toggle-tax/evidence', version: 2 }, anna], evidenceSettings(), NOW));
    expect(screen.getByRole('alert').textContent).toBe(
      '1 stored team file could not be read and is left out; import it again.',
    );
    expect(screen.getAllByRole('button', { name: /^Remove / })).toHaveLength(1);
    expect(screen.getByText(/^1 person, /)).toBeTruthy();
  });

  it('keeps a section that fails to draw from breaking the sections after it', () => {
    const Broken = (): never => {
      throw new TypeError('stored.map is not a function');
    };
    render(
      <>
        <Contained name="Evidence">
          <Broken />
        </Contained>
        <p>Assumptions below</p>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/^Evidence could not be shown \(TypeError: stored\.map/);
    expect(screen.getByText('Assumptions below')).toBeTruthy();
  });

  it('shows nothing of a team before any file is imported', () => {
    showEvidence(teamView([], evidenceSettings(), NOW));
    expect(screen.queryByRole('heading', { name: 'Team ranking' })).toBeNull();
    for (const name of ['Export JSON', 'Export CSV', 'Export brief', 'Import', 'Export team settings'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('reads out what an import did: duplicates as such', async () => {
    showEvidence(null, {
      onImport: vi.fn(async () => [
        { file: 'anna.json', ok: true, text: 'Already imported: this is a duplicate of person 1a2b3c4d’s file.' },
        { file: 'bad.json', ok: false, text: 'The file is not JSON. Nothing was changed.' },
      ]),
    });
    const input = screen.getByTestId('import-files') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['{}'], 'anna.json')], configurable: true });
    fireEvent.change(input);
    const results = await screen.findByRole('list', { name: 'Import results' });
    expect(within(results).getByRole('status').textContent).toMatch(/^anna\.json: Already imported: .*duplicate/);
    expect(within(results).getByRole('alert').textContent).toMatch(/Nothing was changed\.$/);
  });
});

describe('settings set by the organisation', () => {
  it('shows the team label disabled with a note, and never saves it', () => {
    const handlers = showEvidence(null, { teamLocked: true });
    const input = screen.getByLabelText('Team label for exports') as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(screen.getByText('Set by your organisation')).toBeTruthy();
    fireEvent.input(input, { target: { value: 'Finance' } });
    fireEvent.change(input);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(handlers.onSaveTeam).not.toHaveBeenCalled();
  });

  it('shows the assumptions and seats disabled with a note, and never saves them', () => {
    const onSave = vi.fn();
    const onSaveSeats = vi.fn();
    render(
      <AssumptionsSection
        assumptions={DEFAULT_ASSUMPTIONS}
        seats={12}
        onSave={onSave}
        onSaveSeats={onSaveSeats}
        assumptionsLocked
        seatsLocked
      />,
    );
    expect(screen.getAllByText('Set by your organisation')).toHaveLength(2);
    const hourly = screen.getByLabelText(/^Hourly cost/) as HTMLInputElement;
    expect(hourly.disabled).toBe(true);
    expect((screen.getByLabelText(/^Seats/) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'High' }) as HTMLButtonElement).disabled).toBe(true);
    // Even a value that reaches the fields (a script, say) is never applied.
    for (const field of [hourly, screen.getByLabelText(/^Seats/)]) {
      fireEvent.input(field, { target: { value: '99' } });
      fireEvent.change(field);
      fireEvent.keyDown(field, { key: 'Enter' });
    }
    expect(onSave).not.toHaveBeenCalled();
    expect(onSaveSeats).not.toHaveBeenCalled();
  });

  it('leaves unlocked settings editable', () => {
    const onSave = vi.fn();
    render(<AssumptionsSection assumptions={DEFAULT_ASSUMPTIONS} seats={null} onSave={onSave} onSaveSeats={vi.fn()} />);
    expect(screen.queryByText('Set by your organisation')).toBeNull();
    const hourly = screen.getByLabelText(/^Hourly cost/) as HTMLInputElement;
    fireEvent.input(hourly, { target: { value: '75' } });
    fireEvent.change(hourly);
    return waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_ASSUMPTIONS, hourlyCost: 75 }));
  });

  it('shows your product disabled with a note', () => {
    render(
      <RankingSection
        report={undefined}
        pairs={[]}
        period="30"
        onPeriodChange={vi.fn()}
        yourProduct="dropbox"
        productName="Dropbox"
        productChoices={null}
        onYourProductChange={vi.fn()}
        yourProductLocked
        partners={null}
        onMarkNotAFit={vi.fn()}
        onUnmarkNotAFit={vi.fn()}
        seats={null}
        currency="USD"
        appInfo={createAppDirectory(APPS)}
        today="2026-03-20"
        onMarkIntegrated={vi.fn(() => null)}
        onUnmarkIntegrated={vi.fn()}
      />,
    );
    const select = screen.getByRole('combobox', { name: /Your product/ }) as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(select.value).toBe('dropbox');
    expect(screen.getByText('Set by your organisation')).toBeTruthy();
  });
});
