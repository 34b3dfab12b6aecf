import { describe, expect, it } from 'vitest';
import { jmbgBirthDate, jmbgCheckDigit, validateJmbg } from './jmbg';

describe('validateJmbg', () => {
  it('accepts a valid JMBG (the example in domain.md)', () => {
    expect(validateJmbg('0101990710008')).toBeNull();
    expect(jmbgBirthDate('0101990710008')).toBe('1990-01-01');
  });

  it('ignores spaces typed for readability', () => {
    expect(validateJmbg('0101990 710008')).toBeNull();
  });

  it('rejects a wrong check digit', () => {
    expect(validateJmbg('0101990710007')).toBe('checksum');
  });

  it('rejects an impossible date even with a correct check digit', () => {
    // 31 February 1990: build the right check digit so only the date is wrong.
    const first12 = '310299071000';
    const k = jmbgCheckDigit([...first12].map(Number));
    expect(validateJmbg(first12 + k)).toBe('date');
    // Month 13.
    const m13 = '011399071000';
    expect(validateJmbg(m13 + jmbgCheckDigit([...m13].map(Number)))).toBe('date');
  });

  it('reads years below 800 as 2yyy', () => {
    const first12 = '150601571000'; // 15 June 2015
    const jmbg = first12 + jmbgCheckDigit([...first12].map(Number));
    expect(validateJmbg(jmbg)).toBeNull();
    expect(jmbgBirthDate(jmbg)).toBe('2015-06-15');
  });

  it('rejects disagreement with the date of birth', () => {
    expect(validateJmbg('0101990710008', '1990-01-01')).toBeNull();
    expect(validateJmbg('0101990710008', '1990-01-02')).toBe('dateOfBirth');
  });

  it('rejects non-digits', () => {
    expect(validateJmbg('0101990a10008')).toBe('digits');
    expect(validateJmbg('010199071000-')).toBe('digits');
  });

  it('rejects the wrong length', () => {
    expect(validateJmbg('010199071000')).toBe('length');
    expect(validateJmbg('01019907100080')).toBe('length');
    expect(validateJmbg('')).toBe('length');
  });
});
