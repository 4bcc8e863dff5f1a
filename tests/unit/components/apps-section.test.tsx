// @vitest-environment happy-dom
/** The options page's apps: the catalog behind search, ignoring and tracking again, custom apps. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppsSection } from '@/components/options/AppsSection';
import { APPS } from '@/utils/catalog/apps';
import type { UserRules } from '@/utils/catalog/types';
import { NO_USER_RULES } from '@/utils/catalog/types';

afterEach(cleanup);

/** The section with its rules kept in state, as storage would; `changes` sees every save. */
function show(initial: UserRules = NO_USER_RULES) {
  const changes = vi.fn();
  function Page() {
    const [rules, setRules] = useState(initial);
    return (
      <AppsSection
        catalog={APPS}
        userRules={rules}
        onChangeUserRules={(next) => {
          changes(next);
          setRules(next);
        }}
        rememberSites={false}
        onRememberSites={vi.fn()}
        sites={[]}
        onClearSites={vi.fn()}
      />
    );
  }
  render(<Page />);
  return changes;
}

const search = (value: string) =>
  fireEvent.input(screen.getByRole('searchbox', { name: 'Search apps' }), { target: { value } });
const listed = (name: string) =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('span')!.textContent);

describe('the catalog behind search', () => {
  it('draws no app of the catalog until the person searches', () => {
    show();
    expect(screen.queryByRole('list', { name: 'Matching apps' })).toBeNull();
    expect(screen.queryAllByRole('button', { name: /^Ignore / })).toHaveLength(0);
    expect(
      screen.getByText(`Search the ${APPS.length} apps Toggle Tax recognises, or pick a category, to ignore one.`),
    ).toBeTruthy();
  });

  it('lists the matches of a search, and each row’s Ignore works', () => {
    const changes = show();
    search('slack');
    expect(listed('Matching apps')).toContain('Slack Chat');
    fireEvent.click(screen.getByRole('button', { name: 'Ignore Slack' }));
    expect(changes).toHaveBeenLastCalledWith(expect.objectContaining({ ignoredAppIds: ['slack'] }));
    expect(screen.getByRole('button', { name: 'Track Slack' })).toBeTruthy();
  });

  it('lists apps of a category chosen without a search', () => {
    show();
    fireEvent.change(screen.getAllByRole('combobox', { name: 'Category' })[0]!, { target: { value: 'chat' } });
    const names = listed('Matching apps');
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n!.endsWith('Chat'))).toBe(true);
  });

  it('lists only the ignored apps while nothing is searched, to track them again', () => {
    const changes = show({ ...NO_USER_RULES, ignoredAppIds: ['slack', 'dropbox'] });
    expect(listed('Ignored apps').sort()).toEqual(['Dropbox File storage', 'Slack Chat']);
    expect(screen.queryByRole('list', { name: 'Matching apps' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Track Slack' }));
    expect(changes).toHaveBeenLastCalledWith(expect.objectContaining({ ignoredAppIds: ['dropbox'] }));
    expect(listed('Ignored apps')).toEqual(['Dropbox File storage']);
  });
});

describe('a custom app on a catalog app’s host', () => {
  const fill = (name: string, hosts: string) => {
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: name } });
    fireEvent.input(screen.getByLabelText('Hosts'), { target: { value: hosts } });
    fireEvent.click(screen.getByRole('button', { name: 'Add app' }));
  };
  const warning = () => screen.queryByRole('alertdialog');

  it('says it would replace Slack, and adds it only once confirmed', () => {
    const changes = show();
    fill('Acme Chat', 'slack.com');
    expect(warning()!.textContent).toContain(
      'slack.com is also where Toggle Tax recognises Slack. Adding Acme Chat would replace Slack there',
    );
    expect(changes).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Add Acme Chat anyway' }));
    expect(changes).toHaveBeenCalledTimes(1);
    expect(changes.mock.calls[0]![0].customApps.map((a: { name: string }) => a.name)).toEqual(['Acme Chat']);
    expect(warning()).toBeNull();
    expect(listed('Custom apps')).toEqual(['Acme Chat slack.com']);
  });

  it('adds nothing when cancelled, or when the host is changed', () => {
    const changes = show();
    fill('Acme Chat', '*.slack.com');
    fireEvent.click(within(warning()!).getByRole('button', { name: 'Cancel' }));
    expect(warning()).toBeNull();
    fill('Acme Chat', 'slack.com');
    fireEvent.input(screen.getByLabelText('Hosts'), { target: { value: 'chat.acme-corp.test' } });
    expect(warning()).toBeNull();
    expect(changes).not.toHaveBeenCalled();
  });

  it('adds an organisation’s own host at once, without a warning', () => {
    const changes = show();
    fill('Acme Wiki', 'wiki.acme-corp.test');
    expect(warning()).toBeNull();
    expect(changes).toHaveBeenCalledTimes(1);
  });
});
