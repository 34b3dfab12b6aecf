import { SECTIONS, type AgendaItem } from './types';

/** The agenda in its legal order: sections in order, items in their order within each. */
export function orderedItems<T extends Pick<AgendaItem, 'section'>>(items: readonly T[]): T[] {
  return SECTIONS.flatMap((s) => items.filter((i) => i.section === s));
}

/**
 * Every item's id in the order after moving one up (-1) or down (+1) within its section (items
 * keep their sections); null when it cannot move that way.
 */
export function moveWithinSection(items: readonly AgendaItem[], id: string, dir: -1 | 1): string[] | null {
  const list = orderedItems(items);
  const i = list.findIndex((x) => x.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= list.length || list[j]!.section !== list[i]!.section) return null;
  const ids = list.map((x) => x.id);
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  return ids;
}
