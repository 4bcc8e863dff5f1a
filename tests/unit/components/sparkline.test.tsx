// @vitest-environment happy-dom
/** The sparkline by a pair: its numbers are its accessible name. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Sparkline, sparklineLabel, sparklinePoints } from '@/components/options/Sparkline';

afterEach(cleanup);

describe('Sparkline', () => {
  it('is an image named by the switches of each week, oldest first', () => {
    render(<Sparkline weeks={[3, 5, 8, 0, 0, 1, 2, 4, 6, 9]} />);
    const line = screen.getByRole('img', { name: 'Switches per week, last 10 weeks: 3, 5, 8, 0, 0, 1, 2, 4, 6, 9' });
    expect(line.getAttribute('width')).toBe('60');
    expect(line.getAttribute('height')).toBe('16');
    expect(line.querySelectorAll('polyline')).toHaveLength(1);
    expect(line.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(10);
  });

  it('draws the highest week at the top and 0 at the bottom, and a flat line when nothing happened', () => {
    expect(sparklinePoints([0, 8, 4])).toBe('1,15 30,1 59,8');
    expect(sparklinePoints([0, 0])).toBe('1,15 59,15');
    expect(sparklineLabel([0, 0])).toBe('Switches per week, last 2 weeks: 0, 0');
  });

  it('keeps a handful of switches low: one switch in ten weeks is no full-height spike', () => {
    const [, top] = sparklinePoints([0, 1])
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(top).toBeGreaterThan(10);
    // Five a week (one a working day) and more reach the top.
    expect(sparklinePoints([0, 5])).toBe('1,15 59,1');
  });
});
