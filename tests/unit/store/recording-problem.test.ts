import { describe, expect, it } from 'vitest';
import { describeRecordingProblem, recordingProblemOf } from '@/utils/store/recording-problem';

const AT = new Date('2026-03-10T14:05:00').getTime();

describe('recording problems', () => {
  it('takes storage refusals as the person’s to hear of, and the tracker’s own errors not', () => {
    expect(recordingProblemOf(new DOMException('full', 'QuotaExceededError'), AT)).toEqual({
      since: AT,
      error: 'QuotaExceededError',
    });
    // Dexie wraps what IndexedDB refused to open with.
    const openFailed = Object.assign(new Error('OpenFailedError'), { inner: new DOMException('gone', 'UnknownError') });
    expect(recordingProblemOf(openFailed, AT)).toEqual({ since: AT, error: 'UnknownError' });
    expect(recordingProblemOf(new TypeError('cannot classify'), AT)).toBeNull();
    expect(recordingProblemOf(undefined, AT)).toBeNull();
  });

  it.each([
    'Connection is closing because of: IO error: /p/IndexedDB/x.leveldb/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
    'Encountered full disk while opening backing store for indexedDB.open.',
  ])('names a full disk as such whatever the error is called: %s', (message) => {
    expect(recordingProblemOf(new DOMException(message, 'UnknownError'), AT)?.error).toBe('QuotaExceededError');
  });

  it('says plainly that the disk is full, since when, and what to do', () => {
    const full = describeRecordingProblem({ since: AT, error: 'QuotaExceededError' }, AT + 3_600_000);
    expect(full).toMatch(/^The disk is full: switches since 2:05\sPM are not being saved\. Free some space/);
    expect(full).toMatch(/saves again by itself as soon as there is room/);
    const yesterday = describeRecordingProblem({ since: AT, error: 'UnknownError' }, AT + 24 * 3_600_000);
    expect(yesterday).toMatch(
      /^Switches since Mar 10, 2:05\sPM are not being saved: the browser refused to store them \(UnknownError\)/,
    );
  });
});
