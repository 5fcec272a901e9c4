import { describe, expect, it } from '@jest/globals';
import { isDateOnly, isEnterpriseNumber, isTimeZone, normaliseEnterpriseNumber } from './validators.js';

describe('isEnterpriseNumber', () => {
  it.each(['0403170701', '0207437468', '0123456749'])('accepts %s, whose check digits match', (value) => {
    expect(isEnterpriseNumber(value)).toBe(true);
  });

  it.each(['0403170702', '040317070', '2403170701', 'BE0403170701', 403170701])('rejects %s', (value) => {
    expect(isEnterpriseNumber(value)).toBe(false);
  });

  it('normalises the written forms to ten digits', () => {
    expect(normaliseEnterpriseNumber('BE 0403.170.701')).toBe('0403170701');
  });
});

describe('isDateOnly', () => {
  it('accepts real calendar dates', () => {
    expect(isDateOnly('2024-02-29')).toBe(true);
  });

  it.each(['2023-02-29', '2023-13-01', '2023-9-11', '2023-09-11T00:00:00Z'])('rejects %s', (value) => {
    expect(isDateOnly(value)).toBe(false);
  });
});

describe('isTimeZone', () => {
  it.each(['Europe/Brussels', 'Asia/Ho_Chi_Minh', 'Asia/Saigon', 'Europe/Kyiv', 'UTC'])('accepts %s', (value) => {
    expect(isTimeZone(value)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Europe/Brussels; DROP', '', 42])('rejects %s', (value) => {
    expect(isTimeZone(value)).toBe(false);
  });
});
