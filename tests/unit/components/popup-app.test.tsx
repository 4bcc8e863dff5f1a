// @vitest-environment happy-dom
/**
 * The popup as wired up: figures read from the extension's database (as the background's Dexie
 * writes it) and from its settings, kept current while the popup is open.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/entrypoints/popup/App';
import { startPopup } from '@/entrypoints/popup/start';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { APPS } from '@/utils/catalog/apps';
import { namesOf } from '@/utils/catalog/directory';
import { announceDataChanged } from '@/utils/store/changes';
import { ToggleTaxDB } from '@/utils/store/schema';
import { putPairDays } from '../helpers/database';
import type { PairDayRow } from '@/utils/store/rows';
import { NO_USER_RULES } from '@/utils/catalog/types';
import { pausedSetting, recordingProblemItem, userRulesSetting } from '@/utils/settings/items';

const TODAY = '2026-03-10';
const db = new ToggleTaxDB();
const pairDay = (a: string, b: string, aToB: number): PairDayRow => ({
  day: TODAY,
  a,
  b,
  aToB,
  bToA: 0,
  transitMs: 1000,
  detours: 0,
  detourDwellMs: 0,
});
const pairRows = () =>
  within(screen.getByRole('table', { name: /Top pairs/ }))
    .getAllByRole('row')
    .slice(1);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${TODAY}T15:00:00`) });
  await db.days.put({ day: TODAY, attendedMs: 2 * 3_600_000, switches: 0, breaks: 0 });
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('popup, wired to the database and settings', () => {
  it('shows today’s pairs, and new switches while it is open', async () => {
    await putPairDays(db, [pairDay('dropbox', 'slack', 3)]);
    render(<App start={startPopup()} />);
    await waitFor(() =>
      expect(pairRows().map((r) => r.querySelector('th')!.textContent)).toEqual(['Dropbox \u2194 Slack']),
    );
    expect(screen.getByLabelText('Summary').textContent).toMatch(/^3 switches/);

    // The background records more, then says so.
    await db.pairsByDay.clear();
    await putPairDays(db, [pairDay('dropbox', 'slack', 3), pairDay('gmail', 'slack', 5)]);
    announceDataChanged();
    await waitFor(() => expect(screen.getByLabelText('Summary').textContent).toMatch(/^8 switches/));
    expect(pairRows().map((r) => r.querySelector('th')!.textContent)).toEqual([
      'Gmail \u2194 Slack',
      'Dropbox \u2194 Slack',
    ]);
  });

  it('names every shipped app as the catalog does (the build projects the names from it)', () => {
    expect(APP_NAMES).toEqual(namesOf(APPS));
  });

  it('names the person’s own apps', async () => {
    await userRulesSetting.setValue({
      ...NO_USER_RULES,
      customApps: [
        {
          id: 'custom-intranet',
          name: 'Intranet',
          vendor: 'Acme',
          category: 'other',
          match: [{ host: 'intranet.acme.test' }],
        },
      ],
    });
    await putPairDays(db, [pairDay('custom-intranet', 'slack', 2)]);
    render(<App start={startPopup()} />);
    await waitFor(() =>
      expect(pairRows().map((r) => r.querySelector('th')!.textContent)).toEqual(['Intranet \u2194 Slack']),
    );
  });

  it('shows what was recorded and set while the popup was still loading its view', async () => {
    await putPairDays(db, [pairDay('dropbox', 'slack', 3)]);
    // The first module starts the reads, and they finish, before the view has loaded.
    const start = startPopup();
    await start.todaysRollups;
    await start.paused.getValue();
    await putPairDays(db, [pairDay('dropbox', 'slack', 3), pairDay('gmail', 'slack', 5)]);
    announceDataChanged();
    await pausedSetting.setValue(true);
    // The announcement arrives before the view listens.
    await new Promise((resolve) => setTimeout(resolve, 50));

    render(<App start={start} />);
    await waitFor(() => expect(screen.getByLabelText('Summary').textContent).toMatch(/^8 switches/));
    expect(screen.getByRole('status').textContent).toBe('Paused');
  });

  it('says when switches are not being saved, for as long as that lasts', async () => {
    await putPairDays(db, [pairDay('dropbox', 'slack', 3)]);
    await recordingProblemItem.setValue({
      since: new Date(`${TODAY}T14:05:00`).getTime(),
      error: 'QuotaExceededError',
    });
    render(<App start={startPopup()} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The disk is full: switches since 2:05\sPM are not being saved/);
    // What was saved before is still shown.
    await waitFor(() => expect(screen.getByLabelText('Summary').textContent).toMatch(/^3 switches/));

    // The background saves again.
    await recordingProblemItem.setValue(null);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('says nothing is recorded yet when the database does not exist', async () => {
    await db.delete();
    render(<App start={startPopup()} />);
    await screen.findByRole('heading', { name: 'Nothing recorded yet' });
    await db.open();
  });
});
