/**
 * Names, categories and vendors of apps by id, for labels and partners: the shipped catalog plus
 * the person's custom apps.
 */
import type { AppEntry } from './types';

/** What a label, and a partner, needs to know of an app. */
export interface AppInfo {
  name: string;
  category: string;
  /** The company behind the app (`vendorId`): partners are companies, not apps. */
  vendor: string;
  vendorName: string;
}

export type AppDirectory = (id: string) => AppInfo | undefined;

/** What labels and partners need of an app: no matching rules. */
export type AppName = Pick<AppEntry, 'id' | 'name' | 'category' | 'vendor'>;

/** A vendor's stable id: `Notion Labs` → `notion-labs`. */
export function vendorId(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unknown'
  );
}

/** The vendor of an app: a custom app without a vendor of its own is a company of its own. */
function vendorOf(app: AppName): { vendor: string; vendorName: string } {
  if (app.id.startsWith('custom-') && (!app.vendor || app.vendor === 'Custom'))
    return { vendor: app.id, vendorName: app.name };
  return { vendor: vendorId(app.vendor), vendorName: app.vendor };
}

export function createAppDirectory(...lists: readonly (readonly AppName[])[]): AppDirectory {
  const byId = new Map<string, AppInfo>();
  for (const list of lists)
    for (const app of list) byId.set(app.id, { name: app.name, category: app.category, ...vendorOf(app) });
  return (id) => byId.get(id);
}

/** The names of `apps`, without their rules (utils/catalog/app-names.ts says why). */
export function namesOf(apps: readonly AppEntry[]): AppName[] {
  return apps.map(({ id, name, category, vendor }) => ({ id, name, category, vendor }));
}

/** Every vendor of `apps` by id, with its apps, in name order: the choices for "your product". */
export function vendorsOf(apps: readonly AppName[]): { id: string; name: string; apps: string[] }[] {
  const vendors = new Map<string, { id: string; name: string; apps: string[] }>();
  for (const app of apps) {
    const { vendor, vendorName } = vendorOf(app);
    const entry = vendors.get(vendor) ?? { id: vendor, name: vendorName, apps: [] };
    entry.apps.push(app.id);
    vendors.set(vendor, entry);
  }
  return [...vendors.values()].sort((a, b) => a.name.localeCompare(b.name));
}
