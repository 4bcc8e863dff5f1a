/** Reads started before a view mounts, and handed over to it without losing a change. */
import { describe, expect, it, vi } from 'vitest';
import { earlyItem, firstThen, heldSubscription, type ReadableItem } from '@/components/shared/early-reads';

/** A source of events with listeners that can be counted. */
function eventSource<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    subscribe: (listener: (...args: A) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (...args: A) => listeners.forEach((listener) => listener(...args)),
    get listening() {
      return listeners.size;
    },
  };
}

/** A storage item backed by a variable, whose watchers see each change. */
function fakeItem<T>(initial: T) {
  let value = initial;
  const changes = eventSource<[T, T]>();
  const item: ReadableItem<T> = {
    getValue: vi.fn(() => Promise.resolve(value)),
    watch: (listener) => changes.subscribe(listener),
  };
  return {
    item,
    set(next: T) {
      const old = value;
      value = next;
      changes.emit(next, old);
    },
    get watching() {
      return changes.listening;
    },
  };
}

describe('heldSubscription', () => {
  it('subscribes at once, and passes the last event before the first listener on to it', () => {
    const source = eventSource<[number]>();
    const subscribe = heldSubscription(source.subscribe);
    expect(source.listening).toBe(1);
    source.emit(1);
    source.emit(2);

    const listener = vi.fn();
    subscribe(listener);
    expect(listener.mock.calls).toEqual([[2]]);
    source.emit(3);
    expect(listener.mock.calls).toEqual([[2], [3]]);
  });

  it('passes nothing on when nothing came before the first listener', () => {
    const source = eventSource<[]>();
    const listener = vi.fn();
    heldSubscription(source.subscribe)(listener);
    expect(listener).not.toHaveBeenCalled();
  });

  it('ends the early subscription with the first listener; later listeners subscribe directly', () => {
    const source = eventSource<[]>();
    const subscribe = heldSubscription(source.subscribe);
    const first = vi.fn();
    const stopFirst = subscribe(first);
    stopFirst();
    expect(source.listening).toBe(0);
    source.emit();
    expect(first).not.toHaveBeenCalled();

    const second = vi.fn();
    const stopSecond = subscribe(second);
    expect(source.listening).toBe(1);
    source.emit();
    expect(second).toHaveBeenCalledOnce();
    stopSecond();
    expect(source.listening).toBe(0);
  });
});

describe('firstThen', () => {
  it('gives the first result once, then loads afresh each time', async () => {
    const load = vi.fn(() => Promise.resolve('fresh'));
    const next = firstThen(Promise.resolve('early'), load);
    expect(await next()).toBe('early');
    expect(load).not.toHaveBeenCalled();
    expect(await next()).toBe('fresh');
    expect(await next()).toBe('fresh');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('earlyItem', () => {
  it('reads at once, and gives the read value without reading again', async () => {
    const { item } = fakeItem('a');
    const early = earlyItem(item);
    expect(item.getValue).toHaveBeenCalledOnce();
    expect(await early.getValue()).toBe('a');
    expect(item.getValue).toHaveBeenCalledOnce();
  });

  it('gives the latest value when it changed before the view read it, and tells its watcher', async () => {
    const fake = fakeItem('a');
    const early = earlyItem(fake.item);
    fake.set('b');
    expect(await early.getValue()).toBe('b');
    const watcher = vi.fn();
    early.watch(watcher);
    expect(watcher.mock.calls).toEqual([['b', 'a']]);
    fake.set('c');
    expect(watcher.mock.calls).toEqual([
      ['b', 'a'],
      ['c', 'b'],
    ]);
  });

  it('reads the item itself once the view has stopped watching', async () => {
    const fake = fakeItem('a');
    const early = earlyItem(fake.item);
    const stop = early.watch(() => {});
    stop();
    expect(fake.watching).toBe(0);
    fake.set('b');
    expect(await early.getValue()).toBe('b');
    expect(fake.item.getValue).toHaveBeenCalledTimes(2);
  });
});
