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
  if (!(cause instanceof DOMException)) return null;
  // Chromium reports a full disk as an UnknownError whose message names it ("IO error: …:
  // FILE_ERROR_NO_SPACE"), or as a QuotaExceededError.
  return { since: at, error: isDiskFull(cause) ? 'QuotaExceededError' : cause.name };
}

/** Whether the browser refused to store for lack of room. */
export function isDiskFull(error: DOMException): boolean {
  return error.name === 'QuotaExceededError' || /NO_SPACE|full disk|no space left/i.test(error.message);
}

/** The popup's message: what is not saved since when, why, and what to do. */
export function describeRecordingProblem(problem: RecordingProblem, now: number): string {
  const since = new Date(problem.since);
  const sameDay = since.toDateString() === new Date(now).toDateString();
  const when = sameDay
    ? since.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })
    : since.toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  if (problem.error === 'QuotaExceededError')
    return `The disk is full: switches since ${when} are not being saved. Free some space on this computer's disk; Toggle Tax saves again by itself as soon as there is room, and keeps what it saved before.`;
  return `Switches since ${when} are not being saved: the browser refused to store them (${problem.error}). Toggle Tax tries again by itself and keeps what it saved before.`;
}
