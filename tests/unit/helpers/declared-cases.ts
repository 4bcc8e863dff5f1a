/** The cases a number's declaration implies, for tests that the places checking it agree. */
import type { NumberField, OptionalNumberField } from '@/utils/fields';

export interface DeclaredCase {
  name: string;
  /** The value as the form shows it (seconds, where milliseconds are stored). */
  shown: number;
  allowed: boolean;
}

/** Its bounds, just outside them (by one stored unit, or 0.001), and a fraction where it must be whole. */
export function casesOf(field: NumberField | OptionalNumberField): DeclaredCase[] {
  const step = field.integer ? 1 : field.scale ? 1 / field.scale : 0.001;
  const at = (n: number) => Number(n.toFixed(6));
  return [
    { name: 'the minimum', shown: field.min, allowed: true },
    { name: 'the maximum', shown: field.max, allowed: true },
    { name: 'just under the minimum', shown: at(field.min - step), allowed: false },
    { name: 'just over the maximum', shown: at(field.max + step), allowed: false },
    ...(field.integer ? [{ name: 'a fraction', shown: field.min + 0.5, allowed: false }] : []),
  ];
}
