/** Wires the options page's sections to the database, the settings and the browser. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AppsSection } from '@/components/options/AppsSection';
import { downloadText } from '@/components/download';
import { AssumptionsSection } from '@/components/options/AssumptionsSection';
import { DataSection } from '@/components/options/DataSection';
import { EvidenceSection } from '@/components/options/EvidenceSection';
import { RankingSection } from '@/components/options/RankingSection';
import { RecordingSection } from '@/components/options/RecordingSection';
import { SwitchMatrix } from '@/components/options/SwitchMatrix';
import { useLiveQuery } from '@/components/use-live-query';
import { useStorageItem } from '@/components/use-storage-item';
import { localCalendar } from '@/utils/calendar';
import { createBackup } from '@/utils/backup';
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import { createAppDirectory } from '@/utils/catalog/directory';
import { NO_USER_RULES } from '@/utils/catalog/types';
import { DEFAULT_ASSUMPTIONS } from '@/utils/cost-model';
import { deleteAllData, storageUse } from '@/utils/data-admin';
import { ToggleTaxDB } from '@/utils/db';
import type { EvidenceFile } from '@/utils/evidence';
import { evidenceToCsv, mergeEvidence } from '@/utils/evidence';
import { myEvidence } from '@/utils/evidence-source';
import { importFiles } from '@/utils/import-files';
import type { RankingPeriod } from '@/utils/ranking';
import { loadRankingData, pairId, rankReport, RANKING_PERIODS, switchMatrix } from '@/utils/ranking';
import { buildReport } from '@/utils/report';
import {
  assumptionsSetting,
  idleSecondsSetting,
  integrationsSetting,
  recordingRulesSetting,
  rememberSitesSetting,
  retentionDaysSetting,
  seatsSetting,
  teamFilesSetting,
  teamLabelSetting,
  userRulesSetting,
} from '@/utils/settings';
import { restoreSettings, settingsSnapshot } from '@/utils/settings-backup';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker';
import { validateDay } from '@/utils/validation';

const db = new ToggleTaxDB();

export function App() {
  const today = localCalendar.dayOf(Date.now());
  // `options.html?period=365` opens on that period (links from the brief, the benchmark).
  const [period, setPeriod] = useState<RankingPeriod>(() => {
    const asked = new URLSearchParams(location.search).get('period');
    return asked && asked in RANKING_PERIODS ? (asked as RankingPeriod) : '30';
  });
  const [homeApp, setHomeApp] = useState<string | null>(null);
  const assumptions = useStorageItem(assumptionsSetting) ?? DEFAULT_ASSUMPTIONS;
  const userRules = useStorageItem(userRulesSetting) ?? NO_USER_RULES;
  const seats = useStorageItem(seatsSetting) ?? null;
  const integrations = useStorageItem(integrationsSetting) ?? {};
  const rules = useStorageItem(recordingRulesSetting) ?? DEFAULT_RECORDING_RULES;
  const idleSeconds = useStorageItem(idleSecondsSetting) ?? 60;
  const retentionDays = useStorageItem(retentionDaysSetting);
  const rememberSites = useStorageItem(rememberSitesSetting) ?? false;
  const team = useStorageItem(teamLabelSetting) ?? null;
  const teamFiles = useStorageItem(teamFilesSetting) ?? [];
  const evidenceSettings = { assumptions, userRules, seats, team, integrations };
  const teamEvidence = useMemo(
    () => (teamFiles.length ? mergeEvidence(teamFiles, assumptions, new Date(), team).evidence : null),
    [teamFiles, assumptions, team],
  );
  const saveEvidence = (evidence: EvidenceFile, kind: 'json' | 'csv', who: string) =>
    kind === 'json'
      ? downloadText(`toggle-tax-${who}-evidence-${today}.json`, JSON.stringify(evidence, null, 2), 'application/json')
      : downloadText(`toggle-tax-${who}-evidence-${today}.csv`, evidenceToCsv(evidence), 'text/csv');
  const openBrief = (source: 'mine' | 'team') =>
    void browser.tabs.create({ url: browser.runtime.getURL(`/brief.html?source=${source}&period=${period}`) });
  const appInfo = useMemo(() => createAppDirectory(APPS, userRules.customApps), [userRules]);

  const { value: data } = useLiveQuery(() => loadRankingData(db, today, period), [today, period]);
  const ignored = useMemo(() => new Set(userRules.ignoredAppIds), [userRules]);
  const report = useMemo(() => data && buildReport({ ...data, assumptions, appInfo }), [data, assumptions, appInfo]);
  const ranking = useMemo(
    () => data && report && rankReport(report, data, { homeApp, ignoredAppIds: ignored, seats, integrations }),
    [data, report, homeApp, ignored, seats, integrations],
  );
  const everyPair = useMemo(
    () => (homeApp === null ? ranking?.pairs : data && report && rankReport(report, data, { homeApp: null, ignoredAppIds: ignored, seats, integrations }).pairs),
    [data, report, ranking, homeApp, ignored, seats, integrations],
  );
  const homeAppChoices = useMemo(
    () => [...new Set((everyPair ?? []).flatMap((p) => [p.a, p.b]))].sort((x, y) => (appInfo(x)?.name ?? x).localeCompare(appInfo(y)?.name ?? y)),
    [everyPair, appInfo],
  );
  useEffect(() => {
    // The moment the ranking is on screen, for `npm run bench` (User Timing, costs nothing).
    if (ranking) performance.mark('toggle-tax:ranking-ready');
  }, [ranking]);
  const { value: sites } = useLiveQuery(async () => {
    const totals = new Map<string, number>();
    await db.siteDays.each((row) => totals.set(row.host, (totals.get(row.host) ?? 0) + row.attendedMs));
    return [...totals].map(([host, attendedMs]) => ({ host, attendedMs })).sort((a, b) => b.attendedMs - a.attendedMs).slice(0, 20);
  }, []);
  // Every switch ever recorded, from the daily rollups (they outlive the raw switches' retention).
  const { value: switchCount } = useLiveQuery(async () => {
    let total = 0;
    await db.days.each((d) => (total += d.switches));
    return total;
  }, []);
  const { value: use } = useLiveQuery(() => storageUse(navigator.storage), [switchCount]);

  return (
    <main class="options" data-ready={ranking ? 'true' : undefined}>
      <header>
        <h1>Toggle Tax</h1>
        <p class="hint">
          Which integrations between your apps would give back the most hours a year. Figures are per person, from
          this browser.
        </p>
      </header>
      <RankingSection
        report={ranking?.report}
        pairs={ranking?.pairs ?? []}
        period={period}
        onPeriodChange={setPeriod}
        homeApp={homeApp}
        homeAppChoices={homeAppChoices}
        onHomeAppChange={setHomeApp}
        seats={seats}
        currency={assumptions.currency}
        appInfo={appInfo}
        today={today}
        onMarkIntegrated={(pair, since) => {
          const day = validateDay(since, today);
          if (!day.ok) return Object.values(day.errors)[0] ?? 'Invalid date.';
          void integrationsSetting.setValue({ ...integrations, [pairId(pair.a, pair.b)]: { since: day.value } });
          return null;
        }}
        onUnmarkIntegrated={(pair) => {
          const { [pairId(pair.a, pair.b)]: _, ...rest } = integrations;
          void integrationsSetting.setValue(rest);
        }}
      />
      {everyPair && <SwitchMatrix matrix={switchMatrix(everyPair)} appInfo={appInfo} />}
      <EvidenceSection
        team={team}
        onSaveTeam={(label) => void teamLabelSetting.setValue(label)}
        onExportJson={async () => saveEvidence(await myEvidence(db, today, period, evidenceSettings, new Date()), 'json', 'my')}
        onExportCsv={async () => saveEvidence(await myEvidence(db, today, period, evidenceSettings, new Date()), 'csv', 'my')}
        onExportBrief={() => openBrief('mine')}
        onBackup={async () => {
          const backup = await createBackup(db, await settingsSnapshot(), CATALOG_VERSION, new Date());
          downloadText(`toggle-tax-backup-${today}.json`, JSON.stringify(backup), 'application/json');
        }}
        onImport={(files) =>
          importFiles(files, {
            db,
            restoreSettings,
            teamFiles,
            saveTeamFiles: (next) => teamFilesSetting.setValue(next),
          })
        }
        teamEvidence={teamEvidence}
        teamFileCount={teamFiles.length}
        onExportTeamJson={() => teamEvidence && saveEvidence(teamEvidence, 'json', 'team')}
        onExportTeamCsv={() => teamEvidence && saveEvidence(teamEvidence, 'csv', 'team')}
        onTeamBrief={() => openBrief('team')}
        onClearTeam={() => void teamFilesSetting.setValue([])}
      />
      <AssumptionsSection
        assumptions={assumptions}
        seats={seats}
        onSave={(a) => void assumptionsSetting.setValue(a)}
        onSaveSeats={(n) => void seatsSetting.setValue(n)}
      />
      <RecordingSection
        rules={rules}
        idleSeconds={idleSeconds}
        onSave={(r, idle) => {
          void recordingRulesSetting.setValue(r);
          void idleSecondsSetting.setValue(idle);
        }}
      />
      <AppsSection
        catalog={APPS}
        userRules={userRules}
        onChangeUserRules={(r) => void userRulesSetting.setValue(r)}
        rememberSites={rememberSites}
        onRememberSites={(on) => void rememberSitesSetting.setValue(on)}
        sites={sites ?? []}
        onClearSites={() => void db.siteDays.clear()}
      />
      <DataSection
        use={use}
        switchCount={switchCount}
        retentionDays={retentionDays === undefined ? 365 : retentionDays}
        onSaveRetention={(days) => void retentionDaysSetting.setValue(days)}
        onDeleteAll={() => deleteAllData(db)}
      />
    </main>
  );
}
