// @vitest-environment happy-dom
/** The options page's forms: an error stays until its field is valid, and goes with new stored values. */
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

describe('errors on the options page', () => {
  it('an error goes once a preset replaces what was typed', () => {
    const saves = showAssumptions();
    type(refocus(), '-3');
    fireEvent.click(screen.getByRole('button', { name: 'Save assumptions' }));
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
    fireEvent.click(screen.getByRole('button', { name: 'Save assumptions' }));
    type(refocus(), 'abc');
    expect(alerts()).toEqual(['Refocus per switch must be a number between 0 and 60 seconds.']);
    type(refocus(), '4');
    expect(alerts()).toEqual([]);
    // Valid is not saved: Save still saves.
    expect(saves).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save assumptions' }));
    expect(saves).toHaveBeenLastCalledWith(expect.objectContaining({ refocusSeconds: 4 }));
  });

  it('the retention field and its error use the same words', () => {
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
    type(field, '3');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(alerts()).toEqual(['Days to keep single switches must be between 7 and 3650 days.']);
    expect(onSave).not.toHaveBeenCalled();
    type(field, '');
    expect(alerts()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(null);
  });
});
