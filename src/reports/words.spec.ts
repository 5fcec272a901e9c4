import { describe, expect, it } from '@jest/globals';
import { approximately, counted, dateRange, numberInWords } from './words.js';

describe('numbers as an officer writes them', () => {
  it.each([
    [1, 'een', 'one'],
    [12, 'twaalf', 'twelve'],
    [20, 'twintig', 'twenty'],
    [30, 'dertig', 'thirty'],
    [100, 'honderd', 'a hundred'],
    [27, '27', '27'],
    [255, '255', '255'],
    [1500, '1.500', '1,500'],
  ])('%i reads "%s" in Dutch and "%s" in English', (count, nl, en) => {
    expect(numberInWords(count, 'nl')).toBe(nl);
    expect(numberInWords(count, 'en')).toBe(en);
  });

  it.each([
    [255, 'meer dan 250', 'more than 250'],
    [101, 'meer dan honderd', 'more than a hundred'],
    [250, '250', '250'],
    [34, 'meer dan dertig', 'more than thirty'],
    [17, 'zeventien', 'seventeen'],
    [2340, 'meer dan 2.300', 'more than 2,300'],
  ])('a large count of %i is given as "%s" / "%s"', (count, nl, en) => {
    expect(approximately(count, 'nl')).toBe(nl);
    expect(approximately(count, 'en')).toBe(en);
  });

  it('counts nouns in the singular for one', () => {
    expect(counted(1, 'bedrijf', 'bedrijven', 'nl')).toBe('een bedrijf');
    expect(counted(30, 'company', 'companies', 'en')).toBe('thirty companies');
  });

  it('writes a date range once where month and year agree', () => {
    expect(dateRange('2023-09-11', '2023-09-16', 'nl')).toBe('11 tot 16 september 2023');
    expect(dateRange('2023-09-30', '2023-10-02', 'en')).toBe('30 September 2023 to 2 October 2023');
  });
});
