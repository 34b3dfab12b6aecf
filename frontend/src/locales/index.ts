// The translations: one main file per language, plus parts (src/locales/parts/<part>.<lang>.json)
// that features keep on their own, each merged under its part's name as a top-level key
// (the key meetings.title is the "title" of parts/meetings.en.json).
import en from './en.json';
import srCyrl from './sr-Cyrl.json';
import srLatn from './sr-Latn.json';

export type Tree = { [k: string]: string | Tree };

const parts = import.meta.glob<Tree>('./parts/*.json', { eager: true, import: 'default' });

function withParts(lang: string, main: Tree): Tree {
  const out: Tree = { ...main };
  for (const [path, tree] of Object.entries(parts)) {
    const m = /\/parts\/([\w-]+)\.([\w-]+)\.json$/.exec(path);
    if (m && m[2] === lang) out[m[1]] = tree;
  }
  return out;
}

export const translations = {
  'sr-Latn': withParts('sr-Latn', srLatn as Tree),
  'sr-Cyrl': withParts('sr-Cyrl', srCyrl as Tree),
  en: withParts('en', en as Tree),
};
