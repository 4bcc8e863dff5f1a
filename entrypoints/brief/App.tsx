/** Wires the brief to this browser's data (`?source=mine`) or the imported team files (`?source=team`). */
import { useEffect, useState } from 'preact/hooks';
import { Brief } from '@/components/brief/Brief';
import { localCalendar } from '@/utils/days';
import type { BriefModel } from '@/utils/exchange/brief';
import { briefModel } from '@/utils/exchange/brief';
import { openStore } from '@/utils/store';
import { myEvidenceThreeWays, readEvidenceSettings, teamEvidenceThreeWays } from '@/utils/exchange/evidence-source';
import type { RankingPeriod } from '@/utils/figures/ranking';
import { RANKING_PERIODS } from '@/utils/figures/ranking';
import { teamFilesItem } from '@/utils/exchange/team-files';
import { readStoredTeam } from '@/utils/exchange/team-list';

async function load(): Promise<BriefModel> {
  const params = new URLSearchParams(location.search);
  const period = (params.get('period') ?? '30') as RankingPeriod;
  const settings = await readEvidenceSettings();
  const now = new Date();
  const priced =
    params.get('source') === 'team'
      ? teamEvidenceThreeWays(readStoredTeam(await teamFilesItem.getValue()).people, settings, now)
      : await myEvidenceThreeWays(
          openStore(globalThis),
          localCalendar.dayOf(now.getTime()),
          period in RANKING_PERIODS ? period : '30',
          settings,
          now,
        );
  return briefModel(priced);
}

export function App() {
  const [model, setModel] = useState<BriefModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(
      (made) => {
        // The title a saved PDF is named by.
        document.title = `${made.title} · Toggle Tax brief`;
        setModel(made);
      },
      (e: unknown) => setError(String(e)),
    );
  }, []);
  if (error) return <p role="alert">The brief could not be made: {error}</p>;
  return model ? <Brief model={model} onPrint={() => window.print()} /> : <p>Preparing the brief…</p>;
}
