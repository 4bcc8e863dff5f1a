// @vitest-environment happy-dom
/** The options page's section links and the words of its summary line. */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppsSection } from '@/components/options/AppsSection';
import { AssumptionsSection } from '@/components/options/AssumptionsSection';
import { DataSection } from '@/components/options/DataSection';
import { EvidenceSection } from '@/components/options/EvidenceSection';
import { summaryLine } from '@/components/options/RankingSection';
import { RecordingSection } from '@/components/options/RecordingSection';
import { SECTIONS, SectionLinks } from '@/components/options/SectionLinks';
import { NO_USER_RULES } from '@/utils/catalog/types';
import { DEFAULT_ASSUMPTIONS } from '@/utils/figures/cost-model';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';

afterEach(cleanup);

describe('section links', () => {
  it('link to each section’s heading, by the heading’s words', () => {
    render(
      <>
        <SectionLinks />
        <h2 id="ranking-title">Integration opportunities</h2>
        <EvidenceSection
          team={null}
          onSaveTeam={vi.fn()}
          onExportJson={vi.fn()}
          onExportCsv={vi.fn()}
          onExportBrief={vi.fn()}
          onBackup={vi.fn()}
          onImport={vi.fn()}
          onExportTeamSettings={vi.fn()}
          teamView={null}
          onRemoveTeamFile={vi.fn()}
          onExportTeamJson={vi.fn()}
          onExportTeamCsv={vi.fn()}
          onTeamBrief={vi.fn()}
          onClearTeam={vi.fn()}
        />
        <AssumptionsSection assumptions={DEFAULT_ASSUMPTIONS} seats={null} onSave={vi.fn()} onSaveSeats={vi.fn()} />
        <RecordingSection rules={DEFAULT_RECORDING_RULES} idleSeconds={60} onSave={vi.fn()} />
        <AppsSection
          catalog={[]}
          userRules={NO_USER_RULES}
          onChangeUserRules={vi.fn()}
          rememberSites={false}
          onRememberSites={vi.fn()}
          sites={[]}
          onClearSites={vi.fn()}
        />
        <DataSection
          use={undefined}
          switchCount={0}
          retentionDays={365}
          onSaveRetention={vi.fn()}
          onDeleteAll={vi.fn()}
        />
      </>,
    );
    const links = within(screen.getByRole('navigation', { name: 'Sections' })).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(SECTIONS.map(([, name]) => name));
    for (const link of links) {
      const heading = document.getElementById(link.getAttribute('href')!.slice(1));
      expect(heading?.tagName).toBe('H2');
      expect(heading?.textContent).toBe(link.textContent);
    }
  });
});

describe('the summary line', () => {
  const period = { start: '2026-03-01', end: '2026-03-30' };
  it('says breaks in plain words, without jargon', () => {
    const line = summaryLine({ period, activeDays: 12, switches: 340, breaks: 7 });
    expect(line).toBe(
      '2026-03-01 to 2026-03-30: 12 active days, 340 switches between apps. 7 long gaps between two apps (breaks) are not counted as switches.',
    );
    expect(line).not.toMatch(/priced|totals/);
  });
  it('counts one of each in the singular, and leaves out breaks when there are none', () => {
    expect(summaryLine({ period, activeDays: 1, switches: 1, breaks: 1 })).toBe(
      '2026-03-01 to 2026-03-30: 1 active day, 1 switch between apps. 1 long gap between two apps (a break) is not counted as a switch.',
    );
    expect(summaryLine({ period, activeDays: 3, switches: 0, breaks: 0 })).toBe(
      '2026-03-01 to 2026-03-30: 3 active days, 0 switches between apps.',
    );
  });
  it('says what “per active day” means before the first active day', () => {
    expect(summaryLine({ period, activeDays: 0, switches: 4, breaks: 0 })).toMatch(
      /No active day yet \(a day with an hour of browsing\), so “per active day” means the whole period so far\.$/,
    );
  });
});
