import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoId, seedDemoData } from '../../src/demo/seed.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The report of the reference mission (Vietnam, 11–16 September 2023) as of the day of
 * parliamentary question no. 434 (22 September 2023): every fact of the Minister-President's
 * answer, from the demo data, in JSON, and as text in Dutch and in English.
 */
describe('GET /missions/{id}/report on the reference mission', () => {
  let api: TestApp;
  const missionId = demoId('mission', 'mission-vn-2023');
  const report = (query: string, accept?: string) => api.request('GET', `missions/${missionId}/report${query}`, undefined, accept ? { accept } : {});

  beforeAll(async () => {
    api = await startTestApp();
    await seedDemoData({ url: api.database.url });
  });

  afterAll(async () => {
    await api.close();
  });

  it('holds the facts of the answer as of 22 September 2023, in JSON', async () => {
    const response = await report('?asOf=2023-09-22');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = response.body;
    expect(body).toMatchObject({ asOf: '2023-09-22', language: 'nl' });
    expect(body.mission).toMatchObject({
      code: 'VN-2023',
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      leader: { name: 'Jan Jambon' },
      focusSectors: ['sustainable trade & logistics', 'resilient cities'],
      theme: expect.stringContaining('50 years'),
      previousMission: { code: 'VN-2018' },
    });
    // Thirty companies, named, by sector.
    expect(body.delegation.companies).toBe(30);
    const named = body.delegation.bySector.flatMap((sector: { companies: string[] }) => sector.companies);
    expect(named).toHaveLength(30);
    expect(named).toEqual(expect.arrayContaining(['NXTPORT International', 'CamCO Technologies', 'Monument']));
    // More than 250 B2B meetings, all of them during the mission.
    expect(body.meetings.b2b.total).toBeGreaterThan(250);
    expect(body.meetings.b2b.byDay.map((day: { date: string }) => day.date)).toEqual([
      '2023-09-11',
      '2023-09-12',
      '2023-09-13',
      '2023-09-14',
      '2023-09-15',
      '2023-09-16',
    ]);
    // The Prime Minister, the ministers and the four People's Committees.
    const met = body.meetings.official.flatMap((m: { counterpartContacts: { name: string }[]; counterparts: { name: string }[] }) => [
      ...m.counterpartContacts.map((c) => c.name),
      ...m.counterparts.map((o) => o.name),
    ]);
    expect(met).toEqual(
      expect.arrayContaining([
        'Pham Minh Chinh',
        'Minister of Foreign Affairs',
        'Vice-Minister of Transport',
        "People's Committee of Hanoi",
        "People's Committee of Haiphong",
        "People's Committee of Quang Ninh Province",
        "People's Committee of Ho Chi Minh City",
        'Ho Chi Minh City University of Education',
      ]),
    );
    // The economic forum and two seminars of over a hundred each.
    const seminars = body.meetings.events.filter((m: { kind: string }) => m.kind === 'seminar');
    expect(seminars).toHaveLength(2);
    for (const seminar of seminars) expect(seminar.attendeeCount).toBeGreaterThan(100);
    expect(body.meetings.events.map((m: { title: string }) => m.title)).toContain('HCMC Economic Forum');
    expect(body.meetings.visits.map((m: { title: string }) => m.title)).toEqual([expect.stringContaining('Notre Dame')]);
    // The MoUs with Vinamarine, the letter of intent still to be signed, the MoU of 1995.
    expect(body.agreements.signed).toHaveLength(2);
    for (const agreement of body.agreements.signed) {
      expect(agreement).toMatchObject({ type: 'mou', signedOn: '2023-09-12' });
      expect(agreement.parties.map((p: { name: string }) => p.name)).toContain('Vinamarine (Vietnam Maritime Administration)');
    }
    expect(body.agreements.signed.flatMap((a: { parties: { name: string }[] }) => a.parties.map((p) => p.name))).toEqual(
      expect.arrayContaining(['NXTPORT International', 'CamCO Technologies', 'Flemish Department of Chancellery and Foreign Affairs']),
    );
    expect(body.agreements.planned).toEqual([
      expect.objectContaining({ type: 'loi', status: 'planned', themes: ['greenhouse-gas reduction', 'energy transition'] }),
    ]);
    expect(body.agreements.earlier).toEqual([expect.objectContaining({ type: 'mou', validFrom: '1995-01-01', status: 'in_force' })]);
    // The follow-ups with their fuzzy due dates, owners and status on that day.
    const byLabel = (label: string) =>
      body.actions.items.find((a: { dueLabel: string | null; title: string }) => a.dueLabel === label && !a.title.startsWith('Follow-up appointment'));
    expect(byLabel('early November 2023')).toMatchObject({
      title: expect.stringContaining('Mekong River Commission'),
      status: 'open',
      ownerName: 'Els Vermeulen',
      overdue: false,
    });
    expect(byLabel('November 2023')).toMatchObject({ title: expect.stringContaining('letter of intent'), status: 'open' });
    expect(byLabel('March 2024')).toMatchObject({ title: expect.stringContaining('GOOSE'), status: 'open', ownerName: 'Tom Peeters' });
    expect(byLabel('autumn 2024')).toMatchObject({ title: 'State visit to Vietnam', status: 'open', dueFrom: '2024-09-01', dueTo: '2024-11-30' });
    expect(body.actions.items.filter((a: { kind: string }) => a.kind === 'follow_up_meeting')).toHaveLength(30);
    expect(body.actions.total).toBe(body.actions.items.length);
    expect(body.actions.overdue).toBe(0);
    // The survey: only positive answers.
    expect(body.survey.answered).toBeGreaterThan(0);
    expect(body.survey).toMatchObject({ opened: false, invited: 30, distribution: { 1: 0, 2: 0, 3: 0 } });
    expect(body.survey.averageScore).toBeGreaterThanOrEqual(4);
    expect(body.survey.responseRate).toBeCloseTo(body.survey.answered / 30, 2);
    expect(body.survey.comments.length).toBeGreaterThan(0);
    // And it says what is invented.
    expect(body.demoData).toEqual({ present: true, participants: 27, meetings: body.meetings.b2b.total });
  });

  it('writes the answer in Dutch as Markdown, with numbers in words where a person would use them', async () => {
    const response = await report('?asOf=2023-09-22&lang=nl', 'text/markdown');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = response.body as string;
    for (const fact of [
      'Stand van zaken op 22 september 2023',
      'van 11 tot 16 september 2023',
      'Jan Jambon',
      'dertig bedrijven',
      'sustainable trade & logistics en resilient cities',
      'NXTPORT International',
      'CamCO Technologies',
      'Monument',
      'meer dan 250 b2b-gesprekken',
      'Pham Minh Chinh',
      // A role that only repeats the name is left out.
      'met Minister of Foreign Affairs en Ministry of Foreign Affairs of Vietnam',
      'met Vice-Minister of Transport, Ministry of Transport of Vietnam en Vinamarine',
      "People's Committee of Quang Ninh Province",
      // The place is left out where it is whom they met.
      'Visit to the Ho Chi Minh City University of Education with VVOB (16 september 2023); met Ho Chi Minh City University of Education',
      'HCMC Economic Forum',
      'De twee seminaries trokken elk meer dan honderd aanwezigen.',
      'Tijdens de missie werden twee akkoorden ondertekend',
      // No "MoU: MoU …": the titles name their type.
      '- MoU NXTPORT International and CamCO Technologies – Vinamarine, tussen CamCO Technologies, NXTPORT International en Vinamarine (Vietnam Maritime Administration), ondertekend op 12 september 2023',
      '- MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs, tussen',
      '- Letter of intent MOW – Vietnamese Ministry of Transport, tussen',
      'van kracht sinds 1995',
      // The due windows in Dutch, whatever was typed.
      '**begin november 2023**: MOW visit to Vietnam for the Mekong River Commission — Els Vermeulen — open',
      '**november 2023**: MOW secretary-general signs the letter of intent',
      '**vierde kwartaal 2023**: Webinars on business opportunities in Vietnam — Tom Peeters — in uitvoering',
      '**maart 2024**: Mission to Vietnam for the EU project GOOSE — Tom Peeters — open',
      '**najaar 2024**: State visit to Vietnam — Els Vermeulen — open',
      '**september 2023**: Satisfaction survey of the participating companies — Els Vermeulen — afgerond',
      'Van de dertig bevraagde deelnemers antwoordden er 23 op de tevredenheidsenquête (77%).',
      'De gemiddelde score is 4,8 op 5.',
      'Alle antwoorden zijn positief (score 4 of 5).',
      'Negentien deelnemers gaven een 5 en vier een 4.',
      'demonstratiegegevens',
    ]) {
      expect(text).toContain(fact);
    }
    // One form per enumeration: the counts by status all in digits or all in words.
    expect(text).toMatch(/Op 22 september 2023 waren er 38 opvolgacties: \d+ open, \d+ in uitvoering en \d+ afgerond\./);
    for (const wrong of [
      '(Minister of Foreign Affairs of Vietnam)',
      'MoU: MoU',
      'intentieverklaring: Letter of intent',
      'early November',
      'autumn 2024',
      'September 2023',
      '2023-Q4',
      'Verdeling',
      'op vijf',
    ]) {
      expect(text).not.toContain(wrong);
    }
  });

  it('writes the same facts in English', async () => {
    const response = await report('?asOf=2023-09-22&lang=en', 'text/markdown');
    expect(response.status).toBe(200);
    const text = response.body as string;
    for (const fact of [
      'Position as of 22 September 2023',
      'from 11 to 16 September 2023',
      'Jan Jambon',
      'Thirty companies took part',
      'sustainable trade & logistics and resilient cities',
      'NXTPORT International',
      'CamCO Technologies',
      'Monument',
      'more than 250 B2B meetings',
      'Pham Minh Chinh',
      'with Minister of Foreign Affairs and Ministry of Foreign Affairs of Vietnam',
      'with Vice-Minister of Transport, Ministry of Transport of Vietnam, and Vinamarine',
      "People's Committee of Quang Ninh Province",
      'Visit to the Ho Chi Minh City University of Education with VVOB (16 September 2023); with Ho Chi Minh City University of Education',
      'HCMC Economic Forum',
      'The two seminars each drew more than a hundred attendees.',
      'Two agreements were signed during the mission',
      '- MoU NXTPORT International and CamCO Technologies – Vinamarine, between CamCO Technologies, NXTPORT International, and Vinamarine (Vietnam Maritime Administration), signed on 12 September 2023',
      '- MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs, between',
      '- Letter of intent MOW – Vietnamese Ministry of Transport, between',
      'in force since 1995',
      '**early November 2023**: MOW visit to Vietnam for the Mekong River Commission — Els Vermeulen — open',
      '**November 2023**: MOW secretary-general signs the letter of intent',
      '**Q4 2023**: Webinars on business opportunities in Vietnam — Tom Peeters — in progress',
      '**March 2024**: Mission to Vietnam for the EU project GOOSE — Tom Peeters — open',
      '**autumn 2024**: State visit to Vietnam — Els Vermeulen — open',
      '**September 2023**: Satisfaction survey of the participating companies — Els Vermeulen — done',
      'Of the thirty participants asked, 23 answered the satisfaction survey (77%).',
      'The average score is 4.8 out of 5.',
      'All answers are positive (a score of 4 or 5).',
      'Nineteen participants gave a 5 and four a 4.',
      'demonstration data',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).toMatch(/As of 22 September 2023 there were 38 follow-up actions: \d+ open, \d+ in progress, and \d+ done\./);
    for (const wrong of [
      'dertig',
      '(Minister of Foreign Affairs of Vietnam)',
      'MoU: MoU',
      'letter of intent: Letter of intent',
      '2023-Q4',
      'Scores:',
      'out of five',
    ]) {
      expect(text).not.toContain(wrong);
    }
  });

  it('gives one printable, self-contained HTML page in the chosen language', async () => {
    const response = await report('?asOf=2023-09-22&lang=en', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = response.body as string;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('@media print');
    expect(html).toContain('<h2>Meetings</h2>');
    expect(html).toContain('Thirty companies took part');
    // Nothing loaded from anywhere: no scripts, links, images or fonts.
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    // Names are escaped, not markup.
    expect(html).toContain('People&#39;s Committee of Hanoi');
    const dutch = await report('?asOf=2023-09-22&lang=nl', 'text/html');
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('dertig bedrijven');
  });

  it('answers JSON unless text/markdown or text/html is preferred', async () => {
    expect((await report('?asOf=2023-09-22', 'application/json, text/html')).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await report('?asOf=2023-09-22', 'text/html;q=0.5, text/markdown')).headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect((await report('?asOf=2023-09-22', 'image/png')).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('as of a day before the mission holds its delegation, but no meetings, agreements signed or actions yet', async () => {
    const response = await report('?asOf=2023-09-10');
    expect(response.status).toBe(200);
    expect(response.body.delegation.companies).toBe(30);
    expect(response.body.meetings.total).toBe(0);
    expect(response.body.agreements.signed).toEqual([]);
    expect(response.body.agreements.planned.map((a: { type: string }) => a.type)).toEqual(['mou', 'mou', 'loi']);
    expect(response.body.actions).toMatchObject({ total: 0, items: [] });
    const text = await report('?asOf=2023-09-10&lang=en', 'text/markdown');
    expect(text.body).toContain('No agreements were signed during the mission (yet).');
    expect(text.body).toContain('there were no follow-up actions (yet)');
  });

  it('as of a day before the mission holds no survey answers: the demo scores were typed in after it', async () => {
    for (const day of ['2023-09-10', '2023-09-18']) {
      const response = await report(`?asOf=${day}`);
      expect(response.status).toBe(200);
      expect(response.body.survey).toMatchObject({ answered: 0, averageScore: null, responseRate: 0, comments: [] });
      const summary = await api.get(`missions/${missionId}/summary?asOf=${day}`);
      expect(summary.body.satisfaction).toMatchObject({ answers: 0, averageScore: null });
    }
    const nl = await report('?asOf=2023-09-10&lang=nl', 'text/markdown');
    expect(nl.body).toContain('Op 10 september 2023 waren er nog geen antwoorden op de tevredenheidsenquête.');
    expect(nl.body).not.toContain('gemiddelde');
    const en = await report('?asOf=2023-09-10&lang=en', 'text/markdown');
    expect(en.body).toContain('As of 10 September 2023 no answers to the satisfaction survey had been received.');
    expect(en.body).not.toContain('average');
    // From the day they were recorded on.
    expect((await report('?asOf=2023-09-20')).body.survey.answered).toBe(23);
  });

  it('as of the first mission day holds only the meetings held by the end of it', async () => {
    const response = await report('?asOf=2023-09-11');
    expect(response.body.meetings.b2b.byDay.map((day: { date: string }) => day.date)).toEqual(['2023-09-11']);
    expect(response.body.meetings.official.map((m: { title: string }) => m.title)).toEqual(["Reception by the People's Committee of Hanoi"]);
  });

  it('reads an action completed later as open as of then and done today; overdue as judged on the day', async () => {
    const mekong = demoId('action', 'action-mow-mrc-visit');
    const current = await api.get(`actions/${mekong}`);
    const done = await api.patch(`actions/${mekong}`, { status: 'done', version: current.body.version });
    expect(done.status).toBe(200);
    expect(done.body.completedAt).not.toBeNull();

    const item = (body: { actions: { items: { id: string }[] } }) => body.actions.items.find((a) => a.id === mekong);
    const then = await report('?asOf=2023-09-22');
    expect(item(then.body)).toMatchObject({ status: 'open', completedAt: null, overdue: false });
    const today = await report('');
    expect(today.body.asOf).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date()));
    expect(item(today.body)).toMatchObject({ status: 'done', completedAt: done.body.completedAt, overdue: false });
    // On 1 December 2023 the early-November visit was still open, and late.
    expect(item((await report('?asOf=2023-12-01')).body)).toMatchObject({ status: 'open', overdue: true });
    const text = await report('?asOf=2023-12-01&lang=nl', 'text/markdown');
    expect(text.body).toContain('MOW visit to Vietnam for the Mekong River Commission — Els Vermeulen — open (te laat)');

    // The state visit of autumn 2024: not late in September 2023, late in December 2024.
    const stateVisit = demoId('action', 'action-state-visit');
    expect((await report('?asOf=2023-09-22')).body.actions.items.find((a: { id: string }) => a.id === stateVisit).overdue).toBe(false);
    expect((await report('?asOf=2024-12-15')).body.actions.items.find((a: { id: string }) => a.id === stateVisit).overdue).toBe(true);
  });

  it('leaves out an action recorded after the day', async () => {
    const created = await api.create('actions', { title: 'Trade delegation from Haiphong to Antwerp', kind: 'visit', missionId, dueLabel: '2027-Q1' });
    expect((await report('?asOf=2023-09-22')).body.actions.items.map((a: { id: string }) => a.id)).not.toContain(created.id);
    expect((await report('')).body.actions.items.map((a: { id: string }) => a.id)).toContain(created.id);
  });

  it('gives the summary as of the same day', async () => {
    const before = await api.get(`missions/${missionId}/summary?asOf=2023-09-10`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ asOf: '2023-09-10', participants: { total: 30 }, meetings: { total: 0 }, actions: { total: 0 } });
    const then = await api.get(`missions/${missionId}/summary?asOf=2023-09-22`);
    const full = (await report('?asOf=2023-09-22')).body;
    expect(then.body).toMatchObject({
      asOf: '2023-09-22',
      meetings: { total: full.meetings.total, byKind: full.meetings.byKind },
      agreements: { total: 3, byStatus: { signed: 2, planned: 1, in_force: 0 } },
      actions: { total: full.actions.total, byStatus: full.actions.byStatus, overdue: 0 },
      satisfaction: { answers: full.survey.answered, averageScore: full.survey.averageScore },
    });
    expect(then.body.meetings.byKind.b2b).toBeGreaterThan(250);
  });

  it('keeps a meeting or agreement archived later in the reports of the days before, as it does an action', async () => {
    const meeting = demoId('meeting', 'meeting-mofa');
    const agreement = demoId('agreement', 'agreement-mou-vinamarine-chancellery');
    const action = demoId('action', 'action-state-visit');
    for (const path of [`meetings/${meeting}`, `agreements/${agreement}`, `actions/${action}`]) expect((await api.delete(path)).status).toBe(204);
    try {
      const then = (await report('?asOf=2023-09-22')).body;
      expect(then.meetings.official.map((m: { id: string }) => m.id)).toContain(meeting);
      expect(then.agreements.signed.map((a: { id: string }) => a.id)).toContain(agreement);
      expect(then.actions.items.map((a: { id: string }) => a.id)).toContain(action);
      const summary = (await api.get(`missions/${missionId}/summary?asOf=2023-09-22`)).body;
      expect(summary.meetings.total).toBe(then.meetings.total);
      expect(summary.agreements.total).toBe(3);
      const today = (await report('')).body;
      expect(today.meetings.official.map((m: { id: string }) => m.id)).not.toContain(meeting);
      expect(today.agreements.signed.map((a: { id: string }) => a.id)).not.toContain(agreement);
      expect(today.actions.items.map((a: { id: string }) => a.id)).not.toContain(action);
      expect(today.meetings.total).toBe(then.meetings.total - 1);
    } finally {
      for (const path of [`meetings/${meeting}`, `agreements/${agreement}`, `actions/${action}`]) await api.post(`${path}/restore`, undefined);
    }
  });

  describe('bad input', () => {
    it.each([
      ['report', 'asOf=22-09-2023', 'asOf'],
      ['report', 'asOf=2023-02-30', 'asOf'],
      ['summary', 'asOf=yesterday', 'asOf'],
      ['report', 'lang=fr', 'lang'],
      ['report', 'format=pdf', 'format'],
    ])('GET %s?%s is a 400 naming %s', async (path, query, field) => {
      const response = await api.get(`missions/${missionId}/${path}?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', requestId: expect.any(String) });
      expect(response.body.details).toEqual([expect.objectContaining({ field })]);
    });

    it('a mission that does not exist is a 404, a malformed id a 400', async () => {
      const unknown = await api.get('missions/00000000-0000-4000-8000-000000000000/report?asOf=2023-09-22');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'not_found', message: 'mission 00000000-0000-4000-8000-000000000000 not found' });
      const malformed = await api.get('missions/vn-2023/report');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
    });

    it('needs a signed-in user', async () => {
      const response = await api.as(null).get(`missions/${missionId}/report`);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    });
  });
});
