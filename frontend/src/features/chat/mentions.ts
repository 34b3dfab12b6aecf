import { fold } from './format';

export type Mentionable = { id: string; name: string };

/** The "@jel" being typed just before the caret, if any: where it starts and what it says. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{M}.'-]*(?: [\p{L}\p{M}.'-]*)?)$/u.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  if (query.length > 40) return null;
  return { start: before.length - query.length - 1, query };
}

/** Members whose name matches the query (any word's start, ignoring case and diacritics). */
export function matchMembers(people: readonly Mentionable[], query: string, limit = 6): Mentionable[] {
  const q = fold(query.trim());
  if (!q) return people.slice(0, limit);
  return people.filter((p) => fold(p.name).split(/\s+/).some((_, i, words) => words.slice(i).join(' ').startsWith(q))).slice(0, limit);
}

/** Puts "@Name " in place of the "@query" being typed; returns the text and the new caret. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^\S*/, '');
  return { text: text.slice(0, start) + inserted + rest.replace(/^ /, ''), caret: start + inserted.length };
}

/** The ids of the chosen people whose "@Name" is still in the text. */
export function mentionsIn(text: string, chosen: readonly Mentionable[]): string[] {
  return [...new Set(chosen.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id))];
}

/** Splits a message's text around the "@Name" of the people it mentions. */
export function splitMentions(text: string, people: readonly Mentionable[]): { text: string; mention?: Mentionable }[] {
  const names = people.filter((p) => p.name).sort((a, b) => b.name.length - a.name.length);
  if (names.length === 0) return [{ text }];
  const escaped = names.map((p) => `@${p.name}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'g');
  const out: { text: string; mention?: Mentionable }[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], mention: names.find((p) => `@${p.name}` === m[0]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
