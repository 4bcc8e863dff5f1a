/**
 * Wires the options page's sections below the ranking: the heatmap, evidence import and export,
 * assumptions, recording rules, apps and data. Loaded and drawn only once the ranking is on
 * screen, so that neither its code (validation, evidence, backups, imports) nor its queries hold
 * the ranking up.
 */
import { useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { downloadText } from '@/components/shared/download';
import { AppsSection } from '@/components/options/AppsSection';
import { AssumptionsSection } from '@/components/options/AssumptionsSection';
import { DataSection } from '@/components/options/DataSection';
import { EvidenceSection } from '@/components/options/EvidenceSection';
import { RecordingSection } from '@/components/options/RecordingSection';
import { SwitchMatrix } from '@/components/options/SwitchMatrix';
import { Contained } from '@/components/shared/Contained';
import { useRefreshed } from '@/components/shared/use-refreshed';
import { useStorageItem } from '@/components/shared/use-storage-item';
import { createBackup } from '@/utils/exchange/backup';
import { APPS, CATALOG_VERSION } from '@/utils/catalog/apps';
import type { UserRules } from '@/utils/catalog/types';
import type { Assumptions } from '@/utils/figures/cost-model';
import { openStore } from '@/utils/store';
import { storageUse } from '@/utils/store/housekeeping';
import { onDataChanged } from '@/utils/store/changes';
import type { EvidenceFile } from '@/utils/exchange/evidence';
import { evidenceToCsv } from '@/utils/exchange/csv';
import type { EvidenceSettings } from '@/utils/exchange/evidence-source';
import { myEvidence, readEvidenceSettings } from '@/utils/exchange/evidence-source';
import { importFiles } from '@/utils/exchange/import-files';
import { teamView } from '@/utils/exchange/team-list';
import type { RankedPair, RankingPeriod } from '@/utils/figures/ranking';
import { switchMatrix } from '@/utils/figures/ranking';
import type { AppInfo } from '@/utils/catalog/directory';
import { IDLE_SECONDS, RETENTION_DAYS } from '@/utils/settings/declarations';
import { teamFilesItem } from '@/utils/exchange/team-files';
import {
  assumptionsSetting,
  idleSecondsSetting,
  lockedSettingsItem,
  recordingRulesSetting,
  rememberSitesSetting,
  retentionDaysSetting,
  seatsSetting,
  notAFitSetting,
  teamLabelSetting,
  userRulesSetting,
  yourProductSetting,
} from '@/utils/settings/items';
import { restoreSettings, settingsSnapshot } from '@/utils/settings/backup';
import { importTeamSettings } from '@/utils/settings/policy';
import type { TeamSettingKey } from '@/utils/settings/team-setup';
import { teamSettingsFile } from '@/utils/settings/team-setup';
import { DEFAULT_RECORDING_RULES } from '@/utils/tracker/rules';

const store = openStore(globalThis);

export interface BelowRankingProps {
  today: string;
  period: RankingPeriod;
  /** The ranking's pairs for all apps (the heatmap ignores the home-app filter). */
  everyPair: readonly RankedPair[];
  appInfo: (id: string) => AppInfo | undefined;
  assumptions: Assumptions;
  userRules: UserRules;
  seats: number | null;
  integrations: Readonly<Record<string, { since: string }>>;
}

export function BelowRanking({
  today,
  period,
  everyPair,
  appInfo,
  assumptions,
  userRules,
  seats,
  integrations,
}: BelowRankingProps) {
  const rules = useStorageItem(recordingRulesSetting) ?? DEFAULT_RECORDING_RULES;
  const idleSeconds = useStorageItem(idleSecondsSetting) ?? IDLE_SECONDS.default;
  const retentionDays = useStorageItem(retentionDaysSetting);
  const rememberSites = useStorageItem(rememberSitesSetting) ?? false;
  const team = useStorageItem(teamLabelSetting) ?? null;
  const storedTeam: unknown = useStorageItem(teamFilesItem);
  const yourProduct = useStorageItem(yourProductSetting) ?? null;
  const notAFit = useStorageItem(notAFitSetting) ?? {};
  const locked = useStorageItem(lockedSettingsItem) ?? [];
  const isLocked = (key: TeamSettingKey) => Array.isArray(locked) && locked.includes(key);
  const evidenceSettings = useMemo(
    (): EvidenceSettings => ({
      assumptions,
      userRules,
      seats,
      team,
      integrations,
      yourProduct,
      notAFit,
      personId: '',
      rules,
    }),
    [assumptions, userRules, seats, team, integrations, yourProduct, notAFit, rules],
  );
  // Never throws: a stored file that cannot be read or priced is left out and said so.
  const teamList = useMemo(() => teamView(storedTeam, evidenceSettings, new Date()), [storedTeam, evidenceSettings]);
  const teamEvidence = teamList.evidence;
  const saveEvidence = (evidence: EvidenceFile, kind: 'json' | 'csv', who: string) =>
    kind === 'json'
      ? downloadText(`toggle-tax-${who}-evidence-${today}.json`, JSON.stringify(evidence, null, 2), 'application/json')
      : downloadText(`toggle-tax-${who}-evidence-${today}.csv`, evidenceToCsv(evidence), 'text/csv');
  const openBrief = (source: 'mine' | 'team') =>
    void browser.tabs.create({ url: browser.runtime.getURL(`/brief.html?source=${source}&period=${period}`) });
  const matrix = useMemo(() => switchMatrix(everyPair), [everyPair]);

  // What the apps and data sections show of the database, read again whenever the figures change.
  const stored = useRefreshed(
    async () => {
      const [sites, switchCount, use] = await Promise.all([
        store.siteTotals(),
        store.switchCount(),
        storageUse(navigator.storage),
      ]);
      return { sites: sites.slice(0, 20), switchCount, use };
    },
    onDataChanged,
    [],
  );

  return (
    <>
      <SwitchMatrix matrix={matrix} appInfo={appInfo} />
      <Contained name="Evidence">
        <EvidenceSection
          team={team}
          onSaveTeam={(label) => void (isLocked('team') || teamLabelSetting.setValue(label))}
          teamLocked={isLocked('team')}
          onExportJson={async () =>
            saveEvidence(await myEvidence(store, today, period, await readEvidenceSettings(), new Date()), 'json', 'my')
          }
          onExportCsv={async () =>
            saveEvidence(await myEvidence(store, today, period, await readEvidenceSettings(), new Date()), 'csv', 'my')
          }
          onExportBrief={() => openBrief('mine')}
          onBackup={async () => {
            const backup = await createBackup(store, await settingsSnapshot(), CATALOG_VERSION, new Date());
            downloadText(`toggle-tax-backup-${today}.json`, JSON.stringify(backup), 'application/json');
          }}
          onImport={(files) =>
            importFiles(files, {
              store,
              restoreSettings,
              teamFiles: teamList.people,
              saveTeamFiles: (next) => teamFilesItem.setValue(next),
              settings: evidenceSettings,
              applyTeamSettings: importTeamSettings,
            })
          }
          onExportTeamSettings={() =>
            downloadText(
              `toggle-tax-team-settings-${today}.json`,
              JSON.stringify(teamSettingsFile({ team, yourProduct, seats, assumptions }, new Date()), null, 2),
              'application/json',
            )
          }
          teamView={teamList}
          onRemoveTeamFile={(id) => void teamFilesItem.setValue(teamList.people.filter((p) => p.person.id !== id))}
          onExportTeamJson={() => teamEvidence && saveEvidence(teamEvidence, 'json', 'team')}
          onExportTeamCsv={() => teamEvidence && saveEvidence(teamEvidence, 'csv', 'team')}
          onTeamBrief={() => openBrief('team')}
          onClearTeam={() => void teamFilesItem.setValue([])}
        />
      </Contained>
      <AssumptionsSection
        assumptions={assumptions}
        seats={seats}
        onSave={(a) => void (isLocked('assumptions') || assumptionsSetting.setValue(a))}
        onSaveSeats={(n) => void (isLocked('seats') || seatsSetting.setValue(n))}
        assumptionsLocked={isLocked('assumptions')}
        seatsLocked={isLocked('seats')}
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
        sites={stored?.sites ?? []}
        onClearSites={() => void store.forgetSites()}
      />
      <DataSection
        use={stored?.use}
        switchCount={stored?.switchCount}
        retentionDays={retentionDays === undefined ? RETENTION_DAYS.default : retentionDays}
        onSaveRetention={(days) => void retentionDaysSetting.setValue(days)}
        onDeleteAll={() => store.deleteEverything(Date.now())}
      />
    </>
  );
}
