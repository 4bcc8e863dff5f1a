/**
 * How the popup and the options page are built (wxt.config.ts), so that they draw sooner:
 * - On their own (`buildOnItsOwn`): WXT builds all HTML pages together, so each page's modules were
 *   spread over chunks shared with the other pages, and an extension page waits for each batch of
 *   files it asks for with nothing to do meanwhile. Built apart, the popup's first module is one
 *   file, its view another and its chart (chart.js) a third; the options page's are three; the
 *   welcome page is one file.
 * - Their lazy parts preloaded (`preloadLazyChunks`): a page that loads parts of itself with
 *   `import()` gets `<link rel="modulepreload">` tags for them too, so the browser fetches and
 *   compiles them while it parses the page, in parallel with the first module, instead of once that
 *   module has run and asked for them (Vite preloads static imports only). The popup's first module
 *   starts its reads, then imports its view (entrypoints/popup/main.ts); the options page's does
 *   the same (entrypoints/options/main.ts), and only its view is preloaded.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** What this needs of WXT's build groups: an entrypoint, or entrypoints built together. */
type Group<E extends { name: string }> = E | E[];

/** Moves the entrypoint `name` out of the group it is built with, into a build of its own. */
export function buildOnItsOwn<E extends { name: string }>(groups: Group<E>[], name: string): void {
  for (const group of groups) {
    if (!Array.isArray(group) || group.length < 2) continue;
    const index = group.findIndex((entry) => entry.name === name);
    if (index < 0) continue;
    groups.push(group.splice(index, 1));
    return;
  }
}

/** What this needs of a chunk of the bundle (Rollup's and Rolldown's OutputChunk). */
export interface ChunkLinks {
  type: 'chunk' | 'asset';
  fileName: string;
  imports?: readonly string[];
  dynamicImports?: readonly string[];
}

/**
 * The files `entry` loads with `import()`, and everything those load in turn, statically or (when
 * `deep`) with `import()` too, leaving out what the entry imports statically (Vite preloads that
 * already). In the order found.
 */
export function lazyChunksOf(entry: ChunkLinks, bundle: Readonly<Record<string, ChunkLinks>>, deep = true): string[] {
  const eager = new Set<string>([entry.fileName]);
  const addEager = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const next of bundle[file]?.imports ?? []) addEager(next);
  };
  for (const file of entry.imports ?? []) addEager(file);

  const lazy: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || eager.has(file)) return;
    seen.add(file);
    lazy.push(file);
    const chunk = bundle[file];
    for (const next of [...(chunk?.imports ?? []), ...(deep ? (chunk?.dynamicImports ?? []) : [])]) visit(next);
  };
  for (const file of entry.dynamicImports ?? []) visit(file);
  return lazy;
}

/**
 * The Vite plugin: preloads the lazy chunks of the pages named (HTML file names, e.g. `popup.html`);
 * of `shallowPages`, only what their first module loads with `import()` and its static imports
 * (the options page's view, not the sections below the ranking that the view loads later).
 */
export function preloadLazyChunks(pages: readonly string[], shallowPages: readonly string[] = []): Plugin {
  let base = '/';
  return {
    name: 'toggle-tax:preload-lazy-chunks',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { filename, chunk, bundle }): HtmlTagDescriptor[] | undefined {
        if (!chunk || !bundle) return undefined;
        // WXT's source for `popup.html` is entrypoints/popup/index.html (or entrypoints/popup.html).
        const page = filename
          .replace(/\\/g, '/')
          .replace(/\/index\.html$/, '.html')
          .split('/')
          .pop()!;
        if (!pages.includes(page) && !shallowPages.includes(page)) return undefined;
        return lazyChunksOf(chunk, bundle as Record<string, ChunkLinks>, pages.includes(page)).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
