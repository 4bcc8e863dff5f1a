/** Polling and timeouts shared by the harness and the tests. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between two probes (default 50 ms). */
  intervalMs?: number;
  /** What was awaited, for the error message. */
  message?: string;
}

/**
 * Calls `probe` until it returns a truthy value, and returns that value. A probe that throws is
 * retried like a falsy one; on timeout the error names the last value or error seen.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  options: WaitOptions | number = {},
): Promise<NonNullable<T>> {
  const {
    timeoutMs = 10_000,
    intervalMs = 50,
    message = 'condition',
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message} (last: ${detail})`);
    }
    await sleep(Math.max(0, Math.min(intervalMs, deadline - Date.now())));
  }
}

/** Settles like `promise`, or rejects after `ms`. The loser's rejection is swallowed. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
