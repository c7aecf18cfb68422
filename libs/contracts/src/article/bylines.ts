import { distance } from 'fastest-levenshtein';
import type { Byline } from './article-content';

/**
 * The corrected names as bylines, keeping each person's account id: a name still in the list
 * keeps the id it had (wherever it moved); a name new to the list takes the id of the byline at
 * its place only when that byline's name is gone from the list and the two read as one name
 * respelled (`respelled`); otherwise none, so a replaced or reordered byline never carries
 * someone else's account.
 */
export function correctedBylines(names: readonly string[], previous: readonly Byline[]): Byline[] {
  const idOf = (name: string, index: number): string | undefined => {
    const same = previous.find((byline) => byline.name === name);
    if (same) return same.id;
    const atPlace = previous[index];
    return atPlace && !names.includes(atPlace.name) && respelled(atPlace.name, name) ? atPlace.id : undefined;
  };
  return names.map((name, index) => {
    const id = idOf(name, index);
    return id === undefined ? { name } : { name, id };
  });
}

/**
 * Whether `after` reads as `before` with its spelling corrected ("Daniel Achbe" → "Daniel
 * Achebe"), not as another person: at most a quarter of its characters edited (Levenshtein
 * distance, case and spacing aside), and never more than three.
 */
export function respelled(before: string, after: string): boolean {
  const a = before.toLowerCase().replace(/\s+/g, ' ').trim();
  const b = after.toLowerCase().replace(/\s+/g, ' ').trim();
  const limit = Math.min(3, Math.floor(Math.max(a.length, b.length) / 4));
  return distance(a, b) <= limit;
}
