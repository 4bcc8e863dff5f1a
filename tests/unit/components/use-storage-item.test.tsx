// @vitest-environment happy-dom
/** The hook that keeps a page's settings current. */
import { act, renderHook } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { useStorageItem } from '@/components/shared/use-storage-item';
import type { ReadableItem } from '@/components/shared/early-reads';

describe('useStorageItem', () => {
  it('keeps a change it was told of, even when its first read answers later with the value before', async () => {
    // A read that the browser answers late, and a change announced meanwhile (say the worker
    // noting that the disk is full just as the popup opens).
    let answer!: (value: string | null) => void;
    let announce!: (value: string | null, old: string | null) => void;
    const item: ReadableItem<string | null> = {
      getValue: () => new Promise((resolve) => (answer = resolve)),
      watch: (listener) => {
        announce = listener;
        return () => {};
      },
    };
    const { result } = renderHook(() => useStorageItem(item));
    act(() => announce('disk full', null));
    expect(result.current).toBe('disk full');
    await act(async () => answer(null));
    expect(result.current).toBe('disk full');
  });

  it('shows what its first read answers when nothing changed meanwhile', async () => {
    const item: ReadableItem<number> = { getValue: async () => 42, watch: () => () => {} };
    const { result } = renderHook(() => useStorageItem(item));
    await act(async () => {});
    expect(result.current).toBe(42);
  });
});
