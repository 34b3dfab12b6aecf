// The JMBG (unique master citizen number): 13 digits DDMMYYYRRBBBK, see docs domain.md.
// The browser checks it as the user types; the server checks it again.

export type JmbgProblem = 'digits' | 'length' | 'checksum' | 'date' | 'dateOfBirth';

/** The check digit K for the first 12 digits. */
export function jmbgCheckDigit(d: number[]): number {
  const s = 7 * (d[0]! + d[6]!) + 6 * (d[1]! + d[7]!) + 5 * (d[2]! + d[8]!) + 4 * (d[3]! + d[9]!) + 3 * (d[4]! + d[10]!) + 2 * (d[5]! + d[11]!);
  const m = 11 - (s % 11);
  return m >= 1 && m <= 9 ? m : 0;
}

/** The birth date in a JMBG as YYYY-MM-DD, or null when it is not a real date. */
export function jmbgBirthDate(jmbg: string): string | null {
  if (!/^\d{13}$/.test(jmbg)) return null;
  const day = Number(jmbg.slice(0, 2));
  const month = Number(jmbg.slice(2, 4));
  const y3 = Number(jmbg.slice(4, 7));
  const year = y3 >= 800 ? 1000 + y3 : 2000 + y3;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * What is wrong with a JMBG, or null when it is valid. dateOfBirth (YYYY-MM-DD), when given,
 * must be the date the JMBG carries. Spaces the user typed are ignored.
 */
export function validateJmbg(input: string, dateOfBirth?: string): JmbgProblem | null {
  const jmbg = input.replace(/\s+/g, '');
  if (!/^\d*$/.test(jmbg)) return 'digits';
  if (jmbg.length !== 13) return 'length';
  const digits = [...jmbg].map(Number);
  if (jmbgCheckDigit(digits) !== digits[12]) return 'checksum';
  const born = jmbgBirthDate(jmbg);
  if (!born) return 'date';
  if (dateOfBirth && dateOfBirth !== born) return 'dateOfBirth';
  return null;
}

/** The JMBG without the spaces a user may have typed for readability. */
export function normalizeJmbg(input: string): string {
  return input.replace(/\s+/g, '');
}
