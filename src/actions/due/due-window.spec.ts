import { describe, expect, it } from '@jest/globals';
import { IsOptional, validateSync } from 'class-validator';

import { DUE_LABEL_FORMS, DUE_PRECISIONS, describeDueDates, describeDueWindow, parseDueLabel, type DueWindow } from './due-window.js';
import { IsDueLabel } from './is-due-label.decorator.js';

type Case = [label: string, dueFrom: string, dueTo: string];

function expectWindow(label: string, dueFrom: string, dueTo: string, duePrecision: DueWindow['duePrecision']): void {
  expect(parseDueLabel(label)).toEqual({ dueFrom, dueTo, duePrecision, dueLabel: label.trim() });
}

describe('parseDueLabel', () => {
  describe('exact day', () => {
    it.each<Case>([
      ['2024-03-15', '2024-03-15', '2024-03-15'],
      ['2024-02-29', '2024-02-29', '2024-02-29'],
      ['1900-01-01', '1900-01-01', '1900-01-01'],
      ['2199-12-31', '2199-12-31', '2199-12-31'],
      ['15 March 2024', '2024-03-15', '2024-03-15'],
      ['15 maart 2024', '2024-03-15', '2024-03-15'],
      ['15 Mar 2024', '2024-03-15', '2024-03-15'],
      ['15 mrt 2024', '2024-03-15', '2024-03-15'],
      ['1 mei 2024', '2024-05-01', '2024-05-01'],
      ['3 oktober 2023', '2023-10-03', '2023-10-03'],
      ['31 December 2023', '2023-12-31', '2023-12-31'],
      ['29 februari 2024', '2024-02-29', '2024-02-29'],
    ])('reads %p as the single day %s', (label, from, to) => {
      expectWindow(label, from, to, 'day');
    });

    it.each([
      '2023-02-30',
      '2023-02-29',
      '2024-04-31',
      '2024-00-10',
      '2024-13-01',
      '2024-03-00',
      '31 February 2024',
      '31 april 2024',
      '0 March 2024',
      '32 maart 2024',
    ])('rejects the impossible date %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });

    it.each<Case>([
      ['15/03/2027', '2027-03-15', '2027-03-15'],
      ['15-03-2027', '2027-03-15', '2027-03-15'],
      ['15.03.2027', '2027-03-15', '2027-03-15'],
      ['5/3/2027', '2027-03-05', '2027-03-05'],
      ['05/03/2027', '2027-03-05', '2027-03-05'],
      ['01/12/2027', '2027-12-01', '2027-12-01'],
      ['29/02/2028', '2028-02-29', '2028-02-29'],
      ['31-12-2027', '2027-12-31', '2027-12-31'],
      ['15 - 03 - 2027', '2027-03-15', '2027-03-15'],
    ])('reads %p day first, as written in Belgium, as the single day %s', (label, from, to) => {
      expectWindow(label, from, to, 'day');
    });

    it.each([
      // Month first is never read: 03/15 has no fifteenth month.
      '03/15/2027',
      '12-31-2027',
      '31/04/2027',
      '29/02/2027',
      '00/03/2027',
      '15/00/2027',
      '15/03-2027',
      '15/03/27',
      '115/03/2027',
      '15/03/1899',
    ])('rejects %p (month first, impossible, mixed separators or a short year)', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });

    it('reads 04/03/2027 as the fourth of March, never as the third of April', () => {
      expectWindow('04/03/2027', '2027-03-04', '2027-03-04', 'day');
    });
  });

  describe('year', () => {
    it('reads "2024" as 1 January to 31 December 2024', () => {
      expectWindow('2024', '2024-01-01', '2024-12-31', 'year');
    });

    it.each(['1899', '2200', '0999', '9999'])('rejects the year %p outside 1900–2199', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });

    it.each(['1900-03', '2199-Q4', 'autumn 2199'])('accepts %p at the edges of the year range', (label) => {
      expect(parseDueLabel(label)).not.toBeNull();
    });

    it.each(['1899-12-31', '2200-01', 'March 1899', 'Q1 2200', 'winter 1899', 'early November 2200'])(
      'rejects %p whose year lies outside 1900–2199',
      (label) => {
        expect(parseDueLabel(label)).toBeNull();
      },
    );
  });

  describe('month', () => {
    it.each<Case>([
      ['2024-03', '2024-03-01', '2024-03-31'],
      ['2024-02', '2024-02-01', '2024-02-29'],
      ['2023-02', '2023-02-01', '2023-02-28'],
      ['1900-02', '1900-02-01', '1900-02-28'],
      ['2000-02', '2000-02-01', '2000-02-29'],
      ['March 2024', '2024-03-01', '2024-03-31'],
      ['maart 2024', '2024-03-01', '2024-03-31'],
      ['Mar 2024', '2024-03-01', '2024-03-31'],
      ['mrt 2024', '2024-03-01', '2024-03-31'],
      ['mrt. 2024', '2024-03-01', '2024-03-31'],
      ['November 2023', '2023-11-01', '2023-11-30'],
      ['november 2023', '2023-11-01', '2023-11-30'],
    ])('reads %p as the whole month %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'month');
    });

    const monthNames: [month: number, names: string[]][] = [
      [1, ['January', 'januari', 'jan']],
      [2, ['February', 'februari', 'feb']],
      [3, ['March', 'maart', 'mar', 'mrt']],
      [4, ['April', 'apr']],
      [5, ['May', 'mei']],
      [6, ['June', 'juni', 'jun']],
      [7, ['July', 'juli', 'jul']],
      [8, ['August', 'augustus', 'aug']],
      [9, ['September', 'sep', 'sept']],
      [10, ['October', 'oktober', 'oct', 'okt']],
      [11, ['November', 'nov']],
      [12, ['December', 'dec']],
    ];
    const nameCases = monthNames.flatMap(([month, names]) => names.map((name): [string, number] => [name, month]));

    it.each(nameCases)('knows %p as month %i', (name, month) => {
      const mm = String(month).padStart(2, '0');
      const lastDay = new Date(Date.UTC(2023, month, 0)).getUTCDate();
      expectWindow(`${name} 2023`, `2023-${mm}-01`, `2023-${mm}-${lastDay}`, 'month');
    });
  });

  describe('quarter', () => {
    it.each<Case>([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
      ['Q3 2024', '2024-07-01', '2024-09-30'],
      ['Q3-2024', '2024-07-01', '2024-09-30'],
      ['q3 2024', '2024-07-01', '2024-09-30'],
      ['2024-q3', '2024-07-01', '2024-09-30'],
      ['Q1 2023', '2023-01-01', '2023-03-31'],
    ])('reads %p as %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'quarter');
    });

    it.each(['Q5 2024', 'Q0 2024', '2024-Q5', 'Q 2024', 'Q3'])('rejects %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });
  });

  describe('half year', () => {
    it.each<Case>([
      ['2024-H1', '2024-01-01', '2024-06-30'],
      ['2024-H2', '2024-07-01', '2024-12-31'],
      ['H1 2024', '2024-01-01', '2024-06-30'],
      ['H2 2024', '2024-07-01', '2024-12-31'],
      ['h2-2024', '2024-07-01', '2024-12-31'],
      ['first half 2024', '2024-01-01', '2024-06-30'],
      ['second half 2024', '2024-07-01', '2024-12-31'],
      ['eerste helft 2024', '2024-01-01', '2024-06-30'],
      ['tweede helft 2024', '2024-07-01', '2024-12-31'],
      ['Second Half of 2024', '2024-07-01', '2024-12-31'],
      ['tweede helft van 2024', '2024-07-01', '2024-12-31'],
    ])('reads %p as %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'half');
    });

    it.each(['H3 2024', '2024-H0', 'third half 2024', 'first helft 2024', 'derde helft 2024'])('rejects %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });
  });

  describe('part of month', () => {
    it.each<Case>([
      ['early November 2023', '2023-11-01', '2023-11-10'],
      ['mid November 2023', '2023-11-11', '2023-11-20'],
      ['mid-November 2023', '2023-11-11', '2023-11-20'],
      ['late November 2023', '2023-11-21', '2023-11-30'],
      ['begin november 2023', '2023-11-01', '2023-11-10'],
      ['begin van november 2023', '2023-11-01', '2023-11-10'],
      ['midden november 2023', '2023-11-11', '2023-11-20'],
      ['half november 2023', '2023-11-11', '2023-11-20'],
      ['eind november 2023', '2023-11-21', '2023-11-30'],
      ['einde november 2023', '2023-11-21', '2023-11-30'],
      ['einde van november 2023', '2023-11-21', '2023-11-30'],
      ['early Nov 2023', '2023-11-01', '2023-11-10'],
      ['eind mrt 2024', '2024-03-21', '2024-03-31'],
    ])('reads %p as %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'part_of_month');
    });

    it.each<Case>([
      ['late February 2024', '2024-02-21', '2024-02-29'],
      ['eind februari 2023', '2023-02-21', '2023-02-28'],
      ['late December 2023', '2023-12-21', '2023-12-31'],
      ['eind april 2024', '2024-04-21', '2024-04-30'],
    ])('ends %p on the last day of the month (%s to %s)', (label, from, to) => {
      expectWindow(label, from, to, 'part_of_month');
    });

    it.each(['somewhere in November 2023', 'begin nowember 2023', 'early November', 'mid-'])('rejects %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });
  });

  describe('beginning or end of a year', () => {
    it.each<Case>([
      ['begin 2028', '2028-01-01', '2028-03-31'],
      ['begin van 2028', '2028-01-01', '2028-03-31'],
      ['early 2028', '2028-01-01', '2028-03-31'],
      ['Begin 2028', '2028-01-01', '2028-03-31'],
      ['eind 2027', '2027-10-01', '2027-12-31'],
      ['einde 2027', '2027-10-01', '2027-12-31'],
      ['eind van 2027', '2027-10-01', '2027-12-31'],
      ['einde van 2027', '2027-10-01', '2027-12-31'],
      ['late 2027', '2027-10-01', '2027-12-31'],
    ])('reads %p as its first or last quarter, %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'quarter');
    });

    it.each(['midden 2028', 'half 2028', 'mid 2028', 'begin', 'eind 27', 'begin 1899'])('rejects %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });

    it('keeps "eind 2027" for a Dutch reader and names the quarter of a label in the other language', () => {
      expect(describeDueWindow(parseDueLabel('eind 2027')!, 'nl')).toBe('eind 2027');
      expect(describeDueWindow(parseDueLabel('eind 2027')!, 'en')).toBe('Q4 2027');
      expect(describeDueWindow(parseDueLabel('early 2028')!, 'nl')).toBe('eerste kwartaal 2028');
    });
  });

  describe('season (meteorological)', () => {
    it.each<Case>([
      ['spring 2024', '2024-03-01', '2024-05-31'],
      ['lente 2024', '2024-03-01', '2024-05-31'],
      ['voorjaar 2024', '2024-03-01', '2024-05-31'],
      ['summer 2024', '2024-06-01', '2024-08-31'],
      ['zomer 2024', '2024-06-01', '2024-08-31'],
      ['autumn 2024', '2024-09-01', '2024-11-30'],
      ['fall 2024', '2024-09-01', '2024-11-30'],
      ['herfst 2024', '2024-09-01', '2024-11-30'],
      ['najaar 2024', '2024-09-01', '2024-11-30'],
      ['Autumn 2024', '2024-09-01', '2024-11-30'],
    ])('reads %p as %s to %s', (label, from, to) => {
      expectWindow(label, from, to, 'season');
    });

    it.each<Case>([
      ['winter 2023', '2023-12-01', '2024-02-29'],
      ['winter 2024', '2024-12-01', '2025-02-28'],
      ['Winter 1999', '1999-12-01', '2000-02-29'],
      ['winter 1900', '1900-12-01', '1901-02-28'],
      ['winter 2199', '2199-12-01', '2200-02-28'],
    ])('reads %p as December into the end of February of the next year (%s to %s)', (label, from, to) => {
      expectWindow(label, from, to, 'season');
    });

    it.each(['autumn', 'najaar', 'winter 23', 'herfstvakantie 2024'])('rejects %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });
  });

  describe('input handling', () => {
    it('ignores case', () => {
      expectWindow('EARLY NOVEMBER 2023', '2023-11-01', '2023-11-10', 'part_of_month');
      expectWindow('NaJaAr 2024', '2024-09-01', '2024-11-30', 'season');
    });

    it('tolerates surrounding and repeated whitespace and keeps the trimmed input as the label', () => {
      expect(parseDueLabel('  early   November\t2023 \n')).toEqual({
        dueFrom: '2023-11-01',
        dueTo: '2023-11-10',
        duePrecision: 'part_of_month',
        dueLabel: 'early   November\t2023',
      });
    });

    it('tolerates spaces around hyphens', () => {
      expectWindow('2024 - Q3', '2024-07-01', '2024-09-30', 'quarter');
      expectWindow('mid - November 2023', '2023-11-11', '2023-11-20', 'part_of_month');
    });

    it('keeps the original spelling of the label', () => {
      expect(parseDueLabel('Mid-November 2023')?.dueLabel).toBe('Mid-November 2023');
    });

    it.each([
      '',
      '   ',
      'soon',
      'asap',
      'November',
      'next week',
      '2024-13',
      '2024-00',
      '2024-3',
      '24-03-15',
      '2024/03/15',
      '03-15-2024',
      'Q5 2024',
      '31 February 2024',
      'Marchh 2024',
      'early November 2023 or so',
      '2024 2025',
      '12345',
    ])('does not understand %p', (label) => {
      expect(parseDueLabel(label)).toBeNull();
    });

    it('rejects very long input (no accepted form is that long)', () => {
      expect(parseDueLabel('x'.repeat(10_000))).toBeNull();
      expect(parseDueLabel(`early ${'November '.repeat(200)}2023`)).toBeNull();
      expect(parseDueLabel(`${' '.repeat(5_000)}2024${' '.repeat(5_000)}`)).not.toBeNull();
    });

    it('never produces the precision "range"', () => {
      const precisions = DUE_LABEL_FORMS.map((label) => parseDueLabel(label)?.duePrecision);
      expect(precisions).not.toContain('range');
      expect(DUE_PRECISIONS).toContain('range');
    });

    it('accepts every example listed in DUE_LABEL_FORMS', () => {
      for (const label of DUE_LABEL_FORMS) {
        expect({ label, window: parseDueLabel(label) }).toEqual({ label, window: expect.objectContaining({ dueLabel: label }) });
      }
    });

    it('does not depend on the local timezone (dates stay on the calendar day given)', () => {
      // All arithmetic works on year/month/day numbers; a date at a month edge must not slide.
      expectWindow('2024-01-01', '2024-01-01', '2024-01-01', 'day');
      expectWindow('2024-12-31', '2024-12-31', '2024-12-31', 'day');
    });
  });
});

describe('describeDueWindow', () => {
  const window = (dueFrom: string, dueTo: string, duePrecision: DueWindow['duePrecision']): DueWindow => ({
    dueFrom,
    dueTo,
    duePrecision,
    dueLabel: null,
  });

  it('keeps the label for a reader of its language, and describes the window in the words of a reader of the other', () => {
    const parsed = parseDueLabel('najaar 2024')!;
    expect(describeDueWindow(parsed, 'nl')).toBe('najaar 2024');
    expect(describeDueWindow(parsed, 'en')).toBe('autumn 2024');
    const october = parseDueLabel('October 2023')!;
    expect(describeDueWindow(october, 'en')).toBe('October 2023');
    expect(describeDueWindow(october, 'nl')).toBe('oktober 2023');
    // No words of one language only: everyone reads it as typed.
    for (const label of ['2024-Q3', 'november 2023', '2024-03-15']) {
      expect(describeDueWindow(parseDueLabel(label)!, 'nl')).toBe(label);
      expect(describeDueWindow(parseDueLabel(label)!, 'en')).toBe(label);
    }
  });

  it("describeDueDates writes the window in the reader's words whatever was typed, for a text in one language", () => {
    const cases: [label: string, en: string, nl: string][] = [
      ['early November 2023', 'early November 2023', 'begin november 2023'],
      ['September 2023', 'September 2023', 'september 2023'],
      ['autumn 2024', 'autumn 2024', 'najaar 2024'],
      ['2023-Q4', 'Q4 2023', 'vierde kwartaal 2023'],
      ['najaar 2024', 'autumn 2024', 'najaar 2024'],
    ];
    for (const [label, en, nl] of cases) {
      const w = parseDueLabel(label)!;
      expect([label, describeDueDates(w, 'en'), describeDueDates(w, 'nl')]).toEqual([label, en, nl]);
    }
  });

  it('describes the dates when the label is blank', () => {
    expect(describeDueWindow({ ...window('2024-03-15', '2024-03-15', 'day'), dueLabel: '  ' }, 'en')).toBe('15 March 2024');
  });

  it.each<[DueWindow, string, string]>([
    [window('2024-03-15', '2024-03-15', 'day'), '15 March 2024', '15 maart 2024'],
    [window('2024-05-01', '2024-05-01', 'day'), '1 May 2024', '1 mei 2024'],
    [window('2024-03-01', '2024-03-31', 'month'), 'March 2024', 'maart 2024'],
    [window('2023-10-01', '2023-10-31', 'month'), 'October 2023', 'oktober 2023'],
    [window('2024-03-01', '2024-03-15', 'range'), 'between 1 and 15 March 2024', 'tussen 1 en 15 maart 2024'],
    [window('2024-03-20', '2024-04-05', 'range'), 'between 20 March and 5 April 2024', 'tussen 20 maart en 5 april 2024'],
    [window('2023-12-20', '2024-01-05', 'range'), 'between 20 December 2023 and 5 January 2024', 'tussen 20 december 2023 en 5 januari 2024'],
    [window('2024-03-15', '2024-03-15', 'range'), '15 March 2024', '15 maart 2024'],
    [window('2024-01-01', '2024-12-31', 'year'), '2024', '2024'],
    [window('2024-07-01', '2024-09-30', 'quarter'), 'Q3 2024', 'derde kwartaal 2024'],
    [window('2024-07-01', '2024-12-31', 'half'), 'second half of 2024', 'tweede helft van 2024'],
    [window('2024-01-01', '2024-06-30', 'half'), 'first half of 2024', 'eerste helft van 2024'],
    [window('2023-11-01', '2023-11-10', 'part_of_month'), 'early November 2023', 'begin november 2023'],
    [window('2023-11-11', '2023-11-20', 'part_of_month'), 'mid-November 2023', 'half november 2023'],
    [window('2024-02-21', '2024-02-29', 'part_of_month'), 'late February 2024', 'eind februari 2024'],
    [window('2024-09-01', '2024-11-30', 'season'), 'autumn 2024', 'najaar 2024'],
    [window('2024-03-01', '2024-05-31', 'season'), 'spring 2024', 'voorjaar 2024'],
    [window('2024-06-01', '2024-08-31', 'season'), 'summer 2024', 'zomer 2024'],
    [window('2023-12-01', '2024-02-29', 'season'), 'winter 2023/2024', 'winter 2023/2024'],
  ])('describes %j as %p in English and %p in Dutch', (w, en, nl) => {
    expect(describeDueWindow(w, 'en')).toBe(en);
    expect(describeDueWindow(w, 'nl')).toBe(nl);
  });

  it.each<[DueWindow, string, string]>([
    [window('2024-03-01', '2024-03-15', 'month'), 'between 1 and 15 March 2024', 'tussen 1 en 15 maart 2024'],
    [window('2024-03-01', '2024-03-31', 'day'), 'between 1 and 31 March 2024', 'tussen 1 en 31 maart 2024'],
    [window('2024-07-01', '2024-09-29', 'quarter'), 'between 1 July and 29 September 2024', 'tussen 1 juli en 29 september 2024'],
    [window('2023-11-05', '2023-11-15', 'part_of_month'), 'between 5 and 15 November 2023', 'tussen 5 en 15 november 2023'],
    [window('2024-02-01', '2024-04-30', 'season'), 'between 1 February and 30 April 2024', 'tussen 1 februari en 30 april 2024'],
  ])('falls back to a range when the dates of %j do not fit its precision', (w, en, nl) => {
    expect(describeDueWindow(w, 'en')).toBe(en);
    expect(describeDueWindow(w, 'nl')).toBe(nl);
  });

  it('round-trips every parsed label through its dates once the label is dropped', () => {
    const cases: [label: string, en: string, nl: string][] = [
      ['2024-03-15', '15 March 2024', '15 maart 2024'],
      ['maart 2024', 'March 2024', 'maart 2024'],
      ['2024-Q3', 'Q3 2024', 'derde kwartaal 2024'],
      ['2024-H2', 'second half of 2024', 'tweede helft van 2024'],
      ['begin november 2023', 'early November 2023', 'begin november 2023'],
      ['late November 2023', 'late November 2023', 'eind november 2023'],
      ['winter 2023', 'winter 2023/2024', 'winter 2023/2024'],
      ['2024', '2024', '2024'],
    ];
    for (const [label, en, nl] of cases) {
      const w = { ...parseDueLabel(label)!, dueLabel: null };
      expect([label, describeDueWindow(w, 'en'), describeDueWindow(w, 'nl')]).toEqual([label, en, nl]);
    }
  });
});

describe('IsDueLabel', () => {
  class FollowUpDto {
    @IsDueLabel()
    dueLabel!: unknown;
  }

  class OptionalDueDto {
    @IsOptional()
    @IsDueLabel({ message: 'please give a due date' })
    due?: unknown;
  }

  function errorsFor(value: unknown): ReturnType<typeof validateSync> {
    const dto = new FollowUpDto();
    dto.dueLabel = value;
    return validateSync(dto);
  }

  it.each(['early November 2023', 'najaar 2024', '2024-Q3', ' 2024-03-15 '])('accepts the due label %p', (value) => {
    expect(errorsFor(value)).toEqual([]);
  });

  it.each<unknown>(['soon', '', '2023-02-30', 42, null, undefined, ['2024'], { label: '2024' }])(
    'rejects %p with the default message listing the accepted forms',
    (value) => {
      const errors = errorsFor(value);
      expect(errors).toHaveLength(1);
      expect(errors[0].property).toBe('dueLabel');
      expect(errors[0].constraints).toEqual({
        isDueLabel: `dueLabel must be a due date such as ${DUE_LABEL_FORMS.join(', ')}`,
      });
    },
  );

  it('mentions the reference forms in the default message', () => {
    const message = errorsFor('soon')[0].constraints!['isDueLabel'];
    for (const form of ['2024-03-15', '2024-Q3', 'early November 2023', 'najaar 2024']) {
      expect(message).toContain(form);
    }
  });

  it('honours a custom message and works with IsOptional', () => {
    const dto = new OptionalDueDto();
    expect(validateSync(dto)).toEqual([]);
    dto.due = 'sometime';
    expect(validateSync(dto)[0].constraints).toEqual({ isDueLabel: 'please give a due date' });
    dto.due = 'Q3 2024';
    expect(validateSync(dto)).toEqual([]);
  });
});
