/**
 * "Recorded data changed" reaches the pages that show figures: the store announces it after a fold,
 * a restore, deleting everything or the list of unrecognised sites, or retention deleting old switches.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreBackup, type BackupFile } from '@/utils/exchange/backup';
import { openStore } from '@/utils/store';
import { announceDataChanged, onDataChanged } from '@/utils/store/changes';
import { toBlocks } from '@/utils/store/rows';
import { ToggleTaxDB } from '@/utils/store/schema';
import { context, URL as U } from '../helpers/scenario';

const unsubscribes: (() => void)[] = [];
const listen = () => {
  const listener = vi.fn();
  unsubscribes.push(onDataChanged(listener));
  return listener;
};
const db = new ToggleTaxDB('data-changes-test');
const store = openStore(globalThis, { name: 'data-changes-test' });
afterEach(async () => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  await Promise.all(db.tables.map((t) => t.clear()));
});

const switchOn = (day: string) => ({
  at: Date.parse(`${day}T12:00:00Z`),
  day,
  from: 'dropbox',
  to: 'slack',
  transitMs: 1,
  detourDwellMs: null,
});

describe('announcing data changes', () => {
  it('tells every listener, until it unsubscribes', async () => {
    const first = listen();
    announceDataChanged();
    await vi.waitFor(() => expect(first).toHaveBeenCalledOnce());

    unsubscribes.pop()!();
    const second = listen();
    announceDataChanged();
    // Messages arrive in order: once the second listener has it, the first would have too.
    await vi.waitFor(() => expect(second).toHaveBeenCalledOnce());
    expect(first).toHaveBeenCalledOnce();
  });

  it('is announced after a backup is restored', async () => {
    const listener = listen();
    const backup: BackupFile = {
      format: 'toggle-tax/backup',
      version: 1,
      createdAt: '2026-03-10T12:00:00.000Z',
      catalogVersion: 'x',
      switches: [],
      pairDays: [],
      appDays: [],
      days: [{ day: '2026-03-10', attendedMs: 1, switches: 0, breaks: 0 }],
      settings: {},
    };
    await restoreBackup(store, backup);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledOnce());
  });

  it('is announced after everything is deleted', async () => {
    await db.days.put({ day: '2026-03-10', attendedMs: 1, switches: 0, breaks: 0 });
    const listener = listen();
    await store.deleteEverything(Date.now());
    await vi.waitFor(() => expect(listener).toHaveBeenCalledOnce());
  });

  it('is announced when the list of unrecognised sites is cleared', async () => {
    await db.siteDays.put({ day: '2026-03-10', host: 'intranet.example', attendedMs: 60_000 });
    const listener = listen();
    await store.forgetSites();
    expect(await db.siteDays.count()).toBe(0);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledOnce());
  });

  it('is announced when retention deletes old switches', async () => {
    await db.switchBlocks.bulkPut(toBlocks([switchOn('2025-01-01'), switchOn('2026-03-10')]));
    const listener = listen();
    expect(await store.deleteOldSwitches('2026-03-10', 30)).toBe(1);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledOnce());
  });

  it('is announced after a fold that moved switches into the figures, and not after one that had nothing', async () => {
    const t = Date.parse('2026-03-10T09:00:00-04:00');
    await store.record([{ type: 'attend', at: t, tabId: 1, url: U.slack }], context);
    await store.record([{ type: 'attend', at: t + 30_000, tabId: 2, url: U.dropbox }], context);
    await store.record([{ type: 'tick', at: t + 31_000 }], context);
    const listener = listen();
    expect(await store.fold()).toBeGreaterThan(0);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledOnce());
    expect(await store.fold()).toBe(0);
    // Any later message would have arrived by the time this one does.
    const after = listen();
    announceDataChanged();
    await vi.waitFor(() => expect(after).toHaveBeenCalledOnce());
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
