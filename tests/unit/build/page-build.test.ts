/** How the popup is built: on its own, with the parts it imports later preloaded. */
import { describe, expect, it } from 'vitest';
import { buildOnItsOwn, type ChunkLinks, lazyChunksOf } from '@/utils/build/page-build';

const chunk = (fileName: string, imports: string[] = [], dynamicImports: string[] = []): ChunkLinks => ({
  type: 'chunk',
  fileName,
  imports,
  dynamicImports,
});
const bundleOf = (...chunks: ChunkLinks[]) => Object.fromEntries(chunks.map((c) => [c.fileName, c]));

describe('lazyChunksOf', () => {
  it.each([
    {
      name: 'the popup: a view loaded later, with what it imports',
      bundle: bundleOf(
        chunk('popup.js', ['shared.js'], ['view.js']),
        chunk('shared.js'),
        chunk('view.js', ['shared.js', 'chart.js']),
        chunk('chart.js'),
      ),
      lazy: ['view.js', 'chart.js'],
    },
    {
      name: 'a part loaded later by a lazy part, once each',
      bundle: bundleOf(
        chunk('page.js', [], ['a.js', 'b.js']),
        chunk('a.js', [], ['b.js', 'c.js']),
        chunk('b.js', ['c.js']),
        chunk('c.js'),
      ),
      lazy: ['a.js', 'b.js', 'c.js'],
    },
    {
      name: 'nothing when everything is imported statically (Vite preloads that already)',
      bundle: bundleOf(chunk('page.js', ['a.js'], ['b.js']), chunk('a.js', ['b.js']), chunk('b.js')),
      lazy: [],
    },
    {
      name: 'nothing for a page without import()',
      bundle: bundleOf(chunk('page.js', ['a.js']), chunk('a.js')),
      lazy: [],
    },
  ])('$name', ({ bundle, lazy }) => {
    const entry = Object.values(bundle)[0]!;
    expect(lazyChunksOf(entry, bundle)).toEqual(lazy);
  });

  it('stops at what the page loads later itself, when shallow: the options page preloads its view, not the sections below it', () => {
    const bundle = bundleOf(
      chunk('options.js', ['shared.js'], ['view.js']),
      chunk('shared.js'),
      chunk('view.js', ['shared.js', 'names.js'], ['below.js']),
      chunk('names.js'),
      chunk('below.js', ['dexie.js']),
      chunk('dexie.js'),
    );
    expect(lazyChunksOf(bundle['options.js']!, bundle, false)).toEqual(['view.js', 'names.js']);
    expect(lazyChunksOf(bundle['options.js']!, bundle)).toEqual(['view.js', 'names.js', 'below.js', 'dexie.js']);
  });
});

describe('buildOnItsOwn', () => {
  const entry = (name: string) => ({ name });

  it('moves the entrypoint out of its group into a group of its own', () => {
    const groups = [entry('background'), [entry('brief'), entry('options'), entry('popup')]];
    buildOnItsOwn(groups, 'popup');
    expect(groups).toEqual([entry('background'), [entry('brief'), entry('options')], [entry('popup')]]);
  });

  it('leaves groups alone when the entrypoint is built on its own already, or not at all', () => {
    const groups = [entry('background'), [entry('popup')], [entry('options'), entry('brief')]];
    const before = structuredClone(groups);
    buildOnItsOwn(groups, 'popup');
    buildOnItsOwn(groups, 'sidepanel');
    expect(groups).toEqual(before);
  });
});
