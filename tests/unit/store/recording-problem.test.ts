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

  it('says what is not saved since when, why, and that nothing before is lost', () => {
    const full = describeRecordingProblem({ since: AT, error: 'QuotaExceededError' }, AT + 3_600_000);
    expect(full).toMatch(/^Switches since 2:05\sPM are not being saved: there is no room left to store them/);
    expect(full).toMatch(/Everything saved before is safe, and tracking goes on/);
    const yesterday = describeRecordingProblem({ since: AT, error: 'UnknownError' }, AT + 24 * 3_600_000);
    expect(yesterday).toMatch(
      /^Switches since Mar 10, 2:05\sPM are not being saved: the browser refused to store them \(UnknownError\)/,
    );
  });
});
