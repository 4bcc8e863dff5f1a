// @vitest-environment happy-dom
/** The heatmap of who switches to what: rows and columns without a switch are left out. */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchMatrix } from '@/components/options/SwitchMatrix';
import { APPS } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';

afterEach(cleanup);

const appInfo = createAppDirectory(APPS);

describe('SwitchMatrix', () => {
  it('leaves out the row of an app nobody switched from, and the column of one nobody switched to', () => {
    // Slack → Dropbox 3, Dropbox → Slack 2, Dropbox → Gmail 1: nobody left Gmail.
    const matrix = {
      apps: ['slack', 'dropbox', 'gmail'],
      counts: [
        [0, 3, 0],
        [2, 0, 1],
        [0, 0, 0],
      ],
      max: 3,
    };
    render(<SwitchMatrix matrix={matrix} appInfo={appInfo} />);
    const table = screen.getByRole('table', { name: /^Switches from the app in the row/ });
    const [head, ...rows] = within(table).getAllByRole('row');
    expect(
      within(head!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['From ↓ To →', 'Slack', 'Dropbox', 'Gmail']);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['Slack', '', '3', ''],
      ['Dropbox', '2', '', '1'],
    ]);
  });

  it('leaves out a column nobody switched to', () => {
    const matrix = {
      apps: ['slack', 'dropbox', 'gmail'],
      counts: [
        [0, 3, 0],
        [2, 0, 0],
        [1, 0, 0],
      ],
      max: 3,
    };
    render(<SwitchMatrix matrix={matrix} appInfo={appInfo} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.map((r) => r.children[0]!.textContent)).toEqual(['From ↓ To →', 'Slack', 'Dropbox', 'Gmail']);
    expect([...rows[0]!.children].map((c) => c.textContent)).toEqual(['From ↓ To →', 'Slack', 'Dropbox']);
  });
});
