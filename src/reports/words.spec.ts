import { describe, expect, it } from '@jest/globals';
import { approximately, counted, dateRange, numberInWords, numbersAlike, sentence } from './words.js';

describe('numbers as an officer writes them', () => {
  it.each([
    [1, 'één', 'one'],
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
    expect(counted(1, 'bedrijf', 'bedrijven', 'nl')).toBe('één bedrijf');
    expect(sentence(counted(1, 'bedrijf', 'bedrijven', 'nl'))).toBe('Eén bedrijf');
    expect(counted(30, 'company', 'companies', 'en')).toBe('thirty companies');
  });

  it('writes the counts of one enumeration alike: all in words, or all in digits when one needs them', () => {
    expect(numbersAlike([29, 9], 'nl')).toEqual(['29', '9']);
    expect(numbersAlike([19, 4], 'en')).toEqual(['nineteen', 'four']);
    expect(numbersAlike([30, 1], 'nl')).toEqual(['dertig', 'één']);
    expect(numbersAlike([1500, 2], 'en')).toEqual(['1,500', '2']);
  });

  it('writes a date range once where month and year agree', () => {
    expect(dateRange('2023-09-11', '2023-09-16', 'nl')).toBe('11 tot 16 september 2023');
    expect(dateRange('2023-09-30', '2023-10-02', 'en')).toBe('30 September 2023 to 2 October 2023');
  });
});
