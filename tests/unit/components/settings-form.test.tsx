// @vitest-environment happy-dom
/** The options page's forms: values apply as committed; an error stays until its field is valid. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssumptionsSection } from '@/components/options/AssumptionsSection';
import { DataSection } from '@/components/options/DataSection';
import type { Assumptions } from '@/utils/figures/cost-model';
import { DEFAULT_ASSUMPTIONS, PRESETS } from '@/utils/figures/cost-model';

afterEach(cleanup);

/** The assumptions kept in state, as storage would; `saves` sees every save. */
function showAssumptions() {
  const saves = vi.fn();
  function Page() {
    const [assumptions, setAssumptions] = useState<Assumptions>(DEFAULT_ASSUMPTIONS);
    return (
      <AssumptionsSection
        assumptions={assumptions}
        seats={null}
        onSave={(a) => {
          saves(a);
          setAssumptions(a);
        }}
        onSaveSeats={vi.fn()}
      />
    );
  }
  render(<Page />);
  return saves;
}

const refocus = () => screen.getByLabelText('Refocus per switch (s)') as HTMLInputElement;
const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

const resumption = () => screen.getByLabelText(/^Resumption after a detour/) as HTMLInputElement;
/** Leaving the field after changing it, as a person does with Tab or a click elsewhere. */
const leave = (input: HTMLElement) => fireEvent.change(input);
const status = () =>
  screen
    .getAllByRole('status')
    .map((s) => s.textContent ?? '')
    .join('');

describe('one way to save: a value applies as it is committed', () => {
  it('has no Save button; a valid value applies on leaving the field, and says so', () => {
    const saves = showAssumptions();
    expect(screen.queryByRole('button', { name: /^Save/ })).toBeNull();
    type(refocus(), '7');
    expect(saves).not.toHaveBeenCalled();
    leave(refocus());
    expect(saves).toHaveBeenCalledTimes(1);
    expect(saves).toHaveBeenLastCalledWith({ ...DEFAULT_ASSUMPTIONS, refocusSeconds: 7 });
    expect(status()).toContain('Saved: figures re-priced.');
    expect(refocus().value).toBe('7');
  });

  it('applies on Enter, and leaving the field again saves nothing twice', () => {
    const saves = showAssumptions();
    type(refocus(), '12');
    fireEvent.keyDown(refocus(), { key: 'Enter' });
    leave(refocus());
    expect(saves).toHaveBeenCalledTimes(1);
    expect(saves).toHaveBeenLastCalledWith({ ...DEFAULT_ASSUMPTIONS, refocusSeconds: 12 });
  });

  it('a wrong value keeps its message and changes nothing, while another field still applies', () => {
    const saves = showAssumptions();
    type(resumption(), '-1');
    leave(resumption());
    expect(saves).not.toHaveBeenCalled();
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatch(/^Resumption after a detour must be between/);

    type(refocus(), '9');
    leave(refocus());
    // Refocus applied with resumption as stored; the wrong resumption kept its text and message.
    expect(saves).toHaveBeenLastCalledWith({ ...DEFAULT_ASSUMPTIONS, refocusSeconds: 9 });
    expect(resumption().value).toBe('-1');
    expect(resumption().getAttribute('aria-invalid')).toBe('true');
    expect(alerts()).toHaveLength(1);
  });

  it('two fields committed before storage answers both apply', () => {
    const saves = vi.fn();
    // Storage that never answers: the stored values stay the defaults.
    render(<AssumptionsSection assumptions={DEFAULT_ASSUMPTIONS} seats={null} onSave={saves} onSaveSeats={vi.fn()} />);
    type(refocus(), '5');
    leave(refocus());
    type(resumption(), '6');
    leave(resumption());
    expect(saves).toHaveBeenLastCalledWith({ ...DEFAULT_ASSUMPTIONS, refocusSeconds: 5, resumptionSeconds: 6 });
  });

  it('what was typed applies when the page is hidden (a closed tab fires no change)', () => {
    const saves = showAssumptions();
    type(refocus(), '20');
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    visibility.mockRestore();
    expect(saves).toHaveBeenLastCalledWith({ ...DEFAULT_ASSUMPTIONS, refocusSeconds: 20 });
  });

  it('an error goes once a preset replaces what was typed', () => {
    const saves = showAssumptions();
    type(refocus(), '-3');
    leave(refocus());
    expect(alerts()).toEqual(['Refocus per switch must be between 0 and 60 seconds.']);
    expect(saves).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'High' }));
    expect(saves).toHaveBeenCalledTimes(1);
    expect(alerts()).toEqual([]);
    expect(refocus().value).toBe(String(PRESETS.high.refocusSeconds));
    expect(refocus().getAttribute('aria-invalid')).toBeNull();
  });

  it('an error stays while the value is wrong, says what is wrong now, and goes once it is valid', () => {
    const saves = showAssumptions();
    type(refocus(), '-3');
    leave(refocus());
    type(refocus(), 'abc');
    expect(alerts()).toEqual(['Refocus per switch must be a number between 0 and 60 seconds.']);
    type(refocus(), '4');
    expect(alerts()).toEqual([]);
    // Valid, but not yet meant: it applies as the field is left.
    expect(saves).not.toHaveBeenCalled();
    leave(refocus());
    expect(saves).toHaveBeenLastCalledWith(expect.objectContaining({ refocusSeconds: 4 }));
  });

  it('the retention field and its error use the same words; emptying it keeps everything', () => {
    const onSave = vi.fn();
    render(
      <DataSection
        use={undefined}
        switchCount={3}
        retentionDays={365}
        onSaveRetention={onSave}
        onDeleteAll={vi.fn()}
      />,
    );
    const field = screen.getByLabelText('Days to keep single switches (empty keeps them all)');
    // Typing 3 on the way to 30 deletes nothing: only a committed value applies.
    type(field, '3');
    expect(onSave).not.toHaveBeenCalled();
    leave(field);
    expect(alerts()).toEqual(['Days to keep single switches must be between 7 and 3650 days.']);
    expect(onSave).not.toHaveBeenCalled();
    type(field, '');
    expect(alerts()).toEqual([]);
    leave(field);
    expect(onSave).toHaveBeenCalledWith(null);
  });
});
