// Writes src/locales/sr-Cyrl.json from src/locales/sr-Latn.json (Serbian Latin -> Cyrillic).
// Placeholders ({{name}}), the language names and a few Latin-only words are kept as they are.
// Run with `npm run locales:cyrl`, then read the result: the file is committed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';


// Keys whose values are written in their own script whatever the UI language is.
const KEEP_KEYS = new Set(['languageNames']);
// Words that stay in Latin letters in Cyrillic text (names of apps, codes, usernames).
const KEEP_WORDS = ['FreeOTP', 'Aegis', 'Google Authenticator', 'QR', 'ID', 'auth.login', 'ana.petrovic'];

const digraphs = [
  ['DŽ', 'Џ'], ['Dž', 'Џ'], ['dž', 'џ'],
  ['LJ', 'Љ'], ['Lj', 'Љ'], ['lj', 'љ'],
  ['NJ', 'Њ'], ['Nj', 'Њ'], ['nj', 'њ'],
];
const single = {
  A: 'А', B: 'Б', C: 'Ц', Č: 'Ч', Ć: 'Ћ', D: 'Д', Đ: 'Ђ', E: 'Е', F: 'Ф', G: 'Г', H: 'Х', I: 'И', J: 'Ј', K: 'К', L: 'Л', M: 'М',
  N: 'Н', O: 'О', P: 'П', R: 'Р', S: 'С', Š: 'Ш', T: 'Т', U: 'У', V: 'В', Z: 'З', Ž: 'Ж',
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};

export function toCyrillic(text) {
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i);
      if (end !== -1) {
        out += text.slice(i, end + 2);
        i = end + 2;
        continue;
      }
    }
    for (const w of KEEP_WORDS) {
      const before = i === 0 ? '' : text[i - 1];
      const after = text[i + w.length] ?? '';
      if (text.startsWith(w, i) && !/\p{L}/u.test(before) && !/\p{L}/u.test(after)) {
        out += w;
        i += w.length;
        continue outer;
      }
    }
    for (const [lat, cyr] of digraphs) {
      if (text.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    out += single[text[i]] ?? text[i];
    i += 1;
  }
  return out;
}

function walk(value, path) {
  if (typeof value === 'string') return KEEP_KEYS.has(path[0]) ? value : toCyrillic(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
  }
  return value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../src/locales/', import.meta.url);
  const src = JSON.parse(readFileSync(fileURLToPath(new URL('sr-Latn.json', dir)), 'utf8'));
  const out = walk(src, []);
  writeFileSync(fileURLToPath(new URL('sr-Cyrl.json', dir)), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote src/locales/sr-Cyrl.json');
  // The features' own parts: parts/<part>.sr-Latn.json -> parts/<part>.sr-Cyrl.json.
  const partsDir = fileURLToPath(new URL('parts/', dir));
  for (const name of readdirSync(partsDir).filter((f) => f.endsWith('.sr-Latn.json'))) {
    const part = JSON.parse(readFileSync(partsDir + name, 'utf8'));
    const target = name.replace('.sr-Latn.json', '.sr-Cyrl.json');
    writeFileSync(partsDir + target, JSON.stringify(walk(part, []), null, 2) + '\n');
    console.log('wrote src/locales/parts/' + target);
  }
}
