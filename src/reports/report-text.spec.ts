import { describe, expect, it } from '@jest/globals';
import type { MissionReportDto, ReportLanguage } from './report.dto.js';
import { renderReport } from './report-format.js';

const ID = '00000000-0000-4000-8000-000000000001';

/** A small mission's report, with what a test needs put over it. */
function report(
  over: { survey?: Partial<MissionReportDto['survey']>; meetings?: Partial<MissionReportDto['meetings']> } & Partial<
    Omit<MissionReportDto, 'survey' | 'meetings'>
  > = {},
): MissionReportDto {
  const { survey, meetings, ...rest } = over;
  return {
    asOf: '2023-09-22',
    language: 'nl',
    mission: {
      id: ID,
      code: 'VN-2023',
      title: 'Economic mission to Vietnam',
      type: 'economic_mission',
      hostCountries: ['VN'],
      cities: ['Hanoi'],
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      organiser: null,
      theme: null,
      focusSectors: [],
      leader: null,
      officer: null,
      previousMission: null,
    },
    delegation: { total: 0, companies: 0, bySector: [], participants: [] },
    agreements: { signed: [], planned: [], earlier: [] },
    actions: { total: 0, byStatus: {}, overdue: 0, items: [] },
    demoData: { present: false, participants: 0, meetings: 0 },
    ...rest,
    meetings: {
      total: 0,
      byKind: {},
      b2b: { total: 0, companies: 0, counterparts: 0, byDay: [] },
      official: [],
      events: [],
      visits: [],
      ...meetings,
    },
    survey: {
      opened: true,
      closesOn: '2023-10-01',
      invited: 2,
      answered: 2,
      responseRate: 1,
      averageScore: 5,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 2 },
      wouldJoinAgain: { yes: 2, no: 0 },
      b2bUseful: { yes: 2, no: 0 },
      comments: [],
      ...survey,
    },
  };
}

const text = (r: MissionReportDto, language: ReportLanguage) => renderReport({ ...r, language }, 'text/markdown');

describe('the report in words', () => {
  it('counts one and none in the yes/no sentences as a person would', () => {
    const one = report({
      survey: { invited: 1, answered: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 }, wouldJoinAgain: { yes: 1, no: 0 }, b2bUseful: { yes: 1, no: 0 } },
    });
    expect(text(one, 'nl')).toContain('Eén van de één zou opnieuw deelnemen. Eén van de één vond de b2b-gesprekken nuttig.');
    expect(text(one, 'en')).toContain('One of one would take part again. One of one found the B2B meetings useful.');
    const none = report({ survey: { wouldJoinAgain: { yes: 0, no: 2 }, b2bUseful: { yes: 0, no: 3 } } });
    expect(text(none, 'nl')).toContain('Geen van beiden zou opnieuw deelnemen. Geen van de drie vond de b2b-gesprekken nuttig.');
    expect(text(none, 'en')).toContain('Neither of the two would take part again. None of the three found the B2B meetings useful.');
    const many = report({ survey: { wouldJoinAgain: { yes: 19, no: 4 }, b2bUseful: { yes: 22, no: 1 } } });
    expect(text(many, 'nl')).not.toContain('Negentien van de 23');
    expect(text(many, 'nl')).toContain('19 van de 23 zouden opnieuw deelnemen. 22 van de 23 vonden de b2b-gesprekken nuttig.');
    expect(text(many, 'en')).toContain('19 of 23 would take part again. 22 of 23 found the B2B meetings useful.');
  });

  it('says the survey closed once the day is past, and closes before', () => {
    expect(text(report({ asOf: '2023-10-02' }), 'nl')).toContain('De enquête sloot op 1 oktober 2023.');
    expect(text(report({ asOf: '2023-10-02' }), 'en')).toContain('The survey closed on 1 October 2023.');
    expect(text(report({ asOf: '2023-10-01' }), 'nl')).toContain('De enquête sluit op 1 oktober 2023.');
    expect(text(report({ asOf: '2023-09-22' }), 'en')).toContain('The survey closes on 1 October 2023.');
  });

  it('writes the average and the distribution of the scores in one form', () => {
    const r = report({ survey: { invited: 30, answered: 23, averageScore: 4.83, distribution: { 1: 0, 2: 0, 3: 0, 4: 4, 5: 19 } } });
    expect(text(r, 'nl')).toContain(
      'De gemiddelde score is 4,8 op 5. Alle antwoorden zijn positief (score 4 of 5). Negentien deelnemers gaven een 5 en vier een 4.',
    );
    expect(text(r, 'en')).toContain(
      'The average score is 4.8 out of 5. All answers are positive (a score of 4 or 5). Nineteen participants gave a 5 and four a 4.',
    );
    const wide = report({ survey: { invited: 40, answered: 35, averageScore: 4.6, distribution: { 1: 0, 2: 0, 3: 1, 4: 12, 5: 22 } } });
    expect(text(wide, 'nl')).toContain('22 deelnemers gaven een 5, 12 een 4 en 1 een 3.');
    expect(text(wide, 'en')).toContain('22 participants gave a 5, 12 a 4, and 1 a 3.');
    const single = report({ survey: { invited: 1, answered: 1, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } } });
    expect(text(single, 'nl')).toContain('Eén deelnemer gaf een 4.');
    expect(text(single, 'en')).toContain('One participant gave a 4.');
  });
});
