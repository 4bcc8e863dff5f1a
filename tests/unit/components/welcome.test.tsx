// @vitest-environment happy-dom
/** The welcome page: its search, your product and team label, skip, and the sample popup. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/entrypoints/welcome/App';
import { searchApps } from '@/components/welcome/search';
import { SAMPLE_PAIRS } from '@/components/welcome/SamplePopup';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { lockedSettingsItem, teamLabelSetting, yourProductSetting } from '@/utils/settings/items';

afterEach(() => cleanup());

const matchNames = () =>
  within(screen.getByRole('list', { name: 'Matching apps' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('strong')!.textContent);

async function renderApp() {
  const close = vi.fn(async () => undefined);
  render(<App close={close} />);
  await screen.findByRole('heading', { name: 'Welcome to Toggle Tax' });
  return close;
}

describe('searchApps', () => {
  it.each([
    { query: '', includes: [], excludes: ['Dropbox'] },
    { query: 'dropbox', includes: ['Dropbox'], excludes: ['Slack'] },
    { query: 'DROP', includes: ['Dropbox'], excludes: ['Slack'] },
    // By company and by category, not only by name.
    { query: 'salesforce', includes: ['Slack'], excludes: ['Dropbox'] },
    { query: 'file storage', includes: ['Dropbox'], excludes: ['Slack'] },
    { query: 'google sheets', includes: ['Google Sheets'], excludes: ['Gmail'] },
    { query: 'no such app at all', includes: [], excludes: ['Dropbox'] },
  ])('“$query” finds $includes', ({ query, includes, excludes }) => {
    const names = searchApps(APP_NAMES, query).map((app) => app.name);
    for (const name of includes) expect(names).toContain(name);
    for (const name of excludes) expect(names).not.toContain(name);
  });
});

describe('welcome page', () => {
  it('says what is recorded and what never is', async () => {
    await renderApp();
    const privacy = screen.getByRole('region', { name: 'What is recorded, and what never is' });
    expect(privacy.textContent).toMatch(/Web addresses, page titles/);
    expect(privacy.textContent).toMatch(/Nothing is ever sent anywhere/);
    expect(privacy.textContent).toMatch(/Alt\+Shift\+K/);
  });

  it('filters the recognised apps as the person types', async () => {
    await renderApp();
    expect(screen.queryByRole('list', { name: 'Matching apps' })).toBeNull();
    fireEvent.input(screen.getByRole('searchbox', { name: /Search the \d+ recognised apps/ }), {
      target: { value: 'dropbox' },
    });
    await waitFor(() => expect(matchNames()).toContain('Dropbox'));
    expect(matchNames()).not.toContain('Slack');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'zzzz' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/No recognised app matches/));
  });

  it('stores your product and the team label, then closes', async () => {
    const close = await renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: /Your product/ }), { target: { value: 'dropbox' } });
    fireEvent.input(screen.getByRole('textbox', { name: /Team label/ }), { target: { value: ' Finance ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and close' }));
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(await yourProductSetting.getValue()).toBe('dropbox');
    expect(await teamLabelSetting.getValue()).toBe('Finance');
  });

  it('starts from what is stored, and leaves alone what a policy locked', async () => {
    await yourProductSetting.setValue('google');
    await teamLabelSetting.setValue('Ops');
    await lockedSettingsItem.setValue(['team']);
    const close = await renderApp();
    expect((screen.getByRole('combobox', { name: /Your product/ }) as HTMLSelectElement).value).toBe('google');
    const team = screen.getByRole('textbox', { name: /Team label/ }) as HTMLInputElement;
    expect(team.value).toBe('Ops');
    expect(team.disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: /Your product/ }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and close' }));
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(await yourProductSetting.getValue()).toBeNull();
    expect(await teamLabelSetting.getValue()).toBe('Ops');
  });

  it('skip closes the page and stores nothing', async () => {
    const close = await renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: /Your product/ }), { target: { value: 'dropbox' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(await yourProductSetting.getValue()).toBeNull();
    expect(await teamLabelSetting.getValue()).toBeNull();
  });

  it('shows the popup with figures labelled as samples', async () => {
    await renderApp();
    const sample = screen.getByRole('figure', { name: /sample figures/ });
    expect(sample.textContent).toMatch(/not yours, and not stored/);
    expect(within(sample).getByText(/^Sample:/).textContent).toMatch(/switches, .* lost today$/);
    const table = within(sample).getByRole('table', { name: 'Sample top pairs' });
    expect(within(table).getAllByRole('row')).toHaveLength(SAMPLE_PAIRS.length + 1);
  });
});
