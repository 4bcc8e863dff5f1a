/** Wires the welcome page to the settings and the browser. */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { WelcomeChoice } from '@/components/welcome/Welcome';
import { Welcome } from '@/components/welcome/Welcome';
import { APP_NAMES } from '@/utils/catalog/app-names';
import { vendorsOf } from '@/utils/catalog/directory';
import { PAUSE_COMMAND } from '@/utils/settings/declarations';
import { lockedSettingsItem, teamLabelSetting, yourProductSetting } from '@/utils/settings/items';

export interface Loaded {
  current: WelcomeChoice;
  locked: string[];
  shortcut: string | null;
}

/** Reads what the page shows: main.tsx starts it before the first render. */
export async function loadWelcome(): Promise<Loaded> {
  const [yourProduct, teamLabel, locked, commands] = await Promise.all([
    yourProductSetting.getValue(),
    teamLabelSetting.getValue(),
    lockedSettingsItem.getValue(),
    // Firefox for Android has no commands API; an unset shortcut has an empty string.
    browser.commands?.getAll().catch(() => []) ?? [],
  ]);
  const shortcut = commands.find((command) => command.name === PAUSE_COMMAND)?.shortcut || null;
  return { current: { yourProduct, teamLabel }, locked, shortcut };
}

/** Stores what the person chose, leaving alone what a policy locked. */
export async function saveChoice(choice: WelcomeChoice, locked: readonly string[]): Promise<void> {
  await Promise.all([
    !locked.includes('yourProduct') && yourProductSetting.setValue(choice.yourProduct),
    !locked.includes('team') && teamLabelSetting.setValue(choice.teamLabel),
  ]);
}

/** Closes the welcome tab (opened by the background); a page opened otherwise closes its window. */
export async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

export function App({
  close = closeThisTab,
  loading,
}: {
  close?: () => Promise<void>;
  /** The settings' read, if already started (`loadWelcome`). */
  loading?: Promise<Loaded>;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const vendors = useMemo(() => vendorsOf(APP_NAMES), []);
  // A layout effect runs in this task; useEffect would wait for the next frame before listening.
  useLayoutEffect(() => {
    (loading ?? loadWelcome()).then(setLoaded, (e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p role="alert">The welcome page could not read the settings: {error}</p>;
  if (!loaded) return null;
  return (
    <Welcome
      apps={APP_NAMES}
      vendors={vendors}
      current={loaded.current}
      locked={loaded.locked}
      shortcut={loaded.shortcut}
      onSave={(choice) =>
        void saveChoice(choice, loaded.locked)
          .then(close)
          .catch((e: unknown) => setError(String(e)))
      }
      onSkip={() => void close()}
    />
  );
}
