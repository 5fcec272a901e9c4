import { describe, expect, it } from '@jest/globals';
import { ValidationFailedError } from '../common/errors.js';
import { DUE_LABEL_MESSAGE, type DueInput, dueWindowFromInput, ONE_DUE_FORM_MESSAGE } from './due-input.js';

function detailsOf(input: DueInput): unknown {
  try {
    dueWindowFromInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return (error as ValidationFailedError).details;
  }
  throw new Error('expected a ValidationFailedError');
}

describe('dueWindowFromInput', () => {
  it('says nothing when no due field is given, so an update keeps the current window', () => {
    expect(dueWindowFromInput({})).toBeUndefined();
  });

  describe('a fuzzy label', () => {
    it('becomes the window it names, keeping the label', () => {
      expect(dueWindowFromInput({ dueLabel: 'early November 2023' })).toEqual({
        dueFrom: '2023-11-01',
        dueTo: '2023-11-10',
        duePrecision: 'part_of_month',
        dueLabel: 'early November 2023',
      });
      expect(dueWindowFromInput({ dueLabel: 'najaar 2024' })).toEqual({
        dueFrom: '2024-09-01',
        dueTo: '2024-11-30',
        duePrecision: 'season',
        dueLabel: 'najaar 2024',
      });
    });

    it('clears the window when null', () => {
      expect(dueWindowFromInput({ dueLabel: null })).toBeNull();
    });

    it('is refused with the accepted forms when not understood', () => {
      expect(detailsOf({ dueLabel: 'soon' })).toEqual([{ field: 'dueLabel', message: DUE_LABEL_MESSAGE }]);
      expect(DUE_LABEL_MESSAGE).toContain('early November 2023');
      expect(DUE_LABEL_MESSAGE).toContain('najaar 2024');
    });
  });

  describe('an explicit window', () => {
    it('becomes a range without a label', () => {
      expect(dueWindowFromInput({ dueFrom: '2024-03-01', dueTo: '2024-03-15' })).toEqual({
        dueFrom: '2024-03-01',
        dueTo: '2024-03-15',
        duePrecision: 'range',
        dueLabel: null,
      });
    });

    it('may start and end on the same day', () => {
      expect(dueWindowFromInput({ dueFrom: '2024-03-01', dueTo: '2024-03-01' })?.duePrecision).toBe('range');
    });

    it('clears the window when both ends are null', () => {
      expect(dueWindowFromInput({ dueFrom: null, dueTo: null })).toBeNull();
    });

    it.each<[string, DueInput, string, string]>([
      ['only dueFrom', { dueFrom: '2024-03-01' }, 'dueTo', 'dueTo must be given together with dueFrom'],
      ['only dueTo', { dueTo: '2024-03-01' }, 'dueFrom', 'dueFrom must be given together with dueTo'],
      ['dueTo null', { dueFrom: '2024-03-01', dueTo: null }, 'dueTo', 'dueTo must be given together with dueFrom'],
      ['dueTo before dueFrom', { dueFrom: '2024-03-15', dueTo: '2024-03-01' }, 'dueTo', 'dueTo must not be before dueFrom'],
      ['an impossible date', { dueFrom: '2023-02-30', dueTo: '2023-03-01' }, 'dueFrom', 'dueFrom must be a date written YYYY-MM-DD'],
    ])('refuses %s', (_case, input, field, message) => {
      expect(detailsOf(input)).toEqual([{ field, message }]);
    });
  });

  describe('one exact day', () => {
    it('becomes a window of that day with precision day', () => {
      expect(dueWindowFromInput({ dueDate: '2024-03-15' })).toEqual({ dueFrom: '2024-03-15', dueTo: '2024-03-15', duePrecision: 'day', dueLabel: null });
    });

    it('clears the window when null', () => {
      expect(dueWindowFromInput({ dueDate: null })).toBeNull();
    });

    it('refuses a date that does not exist', () => {
      expect(detailsOf({ dueDate: '2024-02-30' })).toEqual([{ field: 'dueDate', message: 'dueDate must be a date written YYYY-MM-DD' }]);
    });
  });

  describe('more than one form', () => {
    it.each<[string, DueInput, string[]]>([
      ['a label and a day', { dueLabel: 'March 2024', dueDate: '2024-03-15' }, ['dueLabel', 'dueDate']],
      ['a label and a window', { dueLabel: 'March 2024', dueFrom: '2024-03-01', dueTo: '2024-03-31' }, ['dueLabel', 'dueFrom']],
      ['a day and half a window', { dueTo: '2024-03-31', dueDate: '2024-03-15' }, ['dueTo', 'dueDate']],
      ['a null label and a day', { dueLabel: null, dueDate: '2024-03-15' }, ['dueLabel', 'dueDate']],
      ['all three', { dueLabel: 'March 2024', dueFrom: '2024-03-01', dueTo: '2024-03-31', dueDate: '2024-03-15' }, ['dueLabel', 'dueFrom', 'dueDate']],
    ])('refuses %s, naming each field given', (_case, input, fields) => {
      expect(detailsOf(input)).toEqual(fields.map((field) => ({ field, message: ONE_DUE_FORM_MESSAGE })));
    });
  });
});
