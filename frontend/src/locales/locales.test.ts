import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translations, type Tree } from './index';
import { toCyrillic } from '../../scripts/transliterate.mjs';

const locales: Record<string, Tree> = translations;
const srLatn = translations['sr-Latn'];
const srCyrl = translations['sr-Cyrl'];
const en = translations.en;

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Keys with plural endings folded, since languages need different plural forms. */
function baseKeys(tree: Tree): Set<string> {
  return new Set([...leaves(tree).keys()].map((k) => k.replace(PLURAL, '')));
}

describe('locales', () => {
  const reference = new Set(Object.values(locales).flatMap((t) => [...baseKeys(t)]));

  for (const [lang, tree] of Object.entries(locales)) {
    it(`${lang} has every key`, () => {
      const missing = [...reference].filter((k) => !baseKeys(tree).has(k));
      expect(missing).toEqual([]);
    });

    it(`${lang} has every plural form its language needs`, () => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const keys = [...leaves(tree).keys()];
      const plurals = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      const missing: string[] = [];
      for (const base of plurals) for (const c of categories) if (!keys.includes(`${base}_${c}`)) missing.push(`${base}_${c}`);
      expect(missing).toEqual([]);
    });

    it(`${lang} has no empty strings`, () => {
      expect([...leaves(tree)].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    });
  }

  it('keeps the same placeholders in every language', () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort().join(',');
    const bad: string[] = [];
    const ref = leaves(srLatn);
    for (const [lang, tree] of Object.entries(locales)) {
      for (const [k, v] of leaves(tree)) {
        const base = k.replace(PLURAL, '');
        const other = ref.get(k) ?? ref.get(`${base}_other`);
        if (other !== undefined && placeholders(other) !== placeholders(v)) bad.push(`${lang}:${k}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('sr-Cyrl is the transliteration of sr-Latn (run npm run locales:cyrl)', () => {
    const cyr = leaves(srCyrl);
    for (const [k, v] of leaves(srLatn)) {
      if (k.startsWith('languageNames.')) continue;
      expect(cyr.get(k), k).toBe(toCyrillic(v));
    }
  });

  it('sr-Cyrl is written in Cyrillic', () => {
    const allowedLatin = /(\{\{\w+\}\}|FreeOTP|Aegis|Google Authenticator|QR|ID|auth\.login|ana\.petrovic)/g;
    const latinLeft = [...leaves(srCyrl)]
      .filter(([k]) => !k.startsWith('languageNames.'))
      .filter(([, v]) => /[A-Za-zčćšžđČĆŠŽĐ]/.test(v.replace(allowedLatin, '')))
      .map(([k]) => k);
    expect(latinLeft).toEqual([]);
  });

  it('transliterates digraphs as single letters', () => {
    expect(toCyrillic('Ljubljana, konj, Njegoš, džep, Džon, LJILJANA')).toBe('Љубљана, коњ, Његош, џеп, Џон, ЉИЉАНА');
    expect(toCyrillic('Zdravo, {{name}}')).toBe('Здраво, {{name}}');
  });
});

describe('source code', () => {
  it('uses only keys that exist in the locales', () => {
    const keys = leaves(en);
    const has = (k: string) => keys.has(k) || [...keys.keys()].some((x) => x.replace(PLURAL, '') === k);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(join(process.cwd(), 'src'));
    const missing = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!has(m[1]!)) missing.add(`${m[1]} (${f})`);
      // Template keys like t(`roles.${r}`): every value of the enum must be there.
      for (const m of src.matchAll(/\bt\(\s*`([a-zA-Z]+)\.\$\{/g)) if (!Object.keys(en).includes(m[1]!)) missing.add(`${m[1]}.* (${f})`);
    }
    expect([...missing]).toEqual([]);
  });
});
