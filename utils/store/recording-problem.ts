/**
 * What the person is told when the tracker cannot store what it records: a full disk gets a clear
 * message, nothing already stored is lost, tracking goes on. The worker keeps the problem in
 * session storage while it lasts; the popup shows it.
 */

export interface RecordingProblem {
  /** When storing first failed (ms since the epoch). */
  since: number;
  /** The browser's name for the failure: QuotaExceededError when the disk or the storage is full. */
  error: string;
}

/**
 * The problem a failed write means for the person, or null when it is not theirs to fix: storage
 * refuses with a DOMException (IndexedDB's own, or inside Dexie's error when opening failed);
 * anything else is the tracker's own error about one event, already reported to the console.
 */
export function recordingProblemOf(error: unknown, at: number): RecordingProblem | null {
  const cause = error instanceof DOMException ? error : (error as { inner?: unknown } | null)?.inner;
  return cause instanceof DOMException ? { since: at, error: cause.name } : null;
}

/** The popup's message: what is not saved since when, why, and that nothing before is lost. */
export function describeRecordingProblem(problem: RecordingProblem, now: number): string {
  const since = new Date(problem.since);
  const sameDay = since.toDateString() === new Date(now).toDateString();
  const when = sameDay
    ? since.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })
    : since.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const why =
    problem.error === 'QuotaExceededError'
      ? "there is no room left to store them (the disk, or the browser's storage, is full)"
      : `the browser refused to store them (${problem.error})`;
  return `Switches since ${when} are not being saved: ${why}. Everything saved before is safe, and tracking goes on: switches are saved again as soon as storing works.`;
}
