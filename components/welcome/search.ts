/** The welcome page's search of the recognised apps: by app name, company or category, ignoring case and accents. */
import type { AppName } from '@/utils/catalog/directory';
import { CATEGORIES } from '@/utils/catalog/types';

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The apps whose name, company or category holds every word of `query`, in name order; none for an empty query. */
export function searchApps(apps: readonly AppName[], query: string): AppName[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return apps
    .filter((app) => {
      const text = fold(`${app.name} ${app.vendor} ${CATEGORIES[app.category] ?? app.category}`);
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
