import { describe, expect, it } from '@jest/globals';

import { actionUrl, renderActionMessage, renderDigest, type ActionMessageKind, type MessageAction, type MessageRecipient } from './messages.js';

const URL_BASE = 'https://crm.fit.example';

const mekongVisit: MessageAction = {
  id: '3f0c6a52-8d1e-4c7a-9b51-0d6a1f2e9c01',
  title: 'MOW visit to Vietnam for the Mekong River Commission',
  status: 'in_progress',
  dueFrom: '2023-11-01',
  dueTo: '2023-11-10',
  duePrecision: 'part_of_month',
  dueLabel: 'early November 2023',
  missionCode: 'VN-2023',
  missionTitle: 'Economic mission to Vietnam 2023',
  ownerName: 'Els Vermeulen',
};

const stateVisit: MessageAction = {
  id: '7b2d4e10-5a3c-4f8e-8c6d-2e1f0a9b8c02',
  title: 'State visit to Vietnam',
  status: 'open',
  dueFrom: '2024-09-01',
  dueTo: '2024-11-30',
  duePrecision: 'season',
  dueLabel: 'najaar 2024',
  missionCode: 'VN-2023',
  missionTitle: 'Economic mission to Vietnam 2023',
  ownerName: 'Els Vermeulen',
};

const gooseMission: MessageAction = {
  id: 'c4a1e7f3-2b6d-4e9a-a8f0-3d5c7b1e9f03',
  title: 'Mission to Vietnam for the EU project GOOSE',
  status: 'postponed',
  dueFrom: '2024-03-01',
  dueTo: '2024-03-31',
  duePrecision: 'month',
  dueLabel: null,
  missionCode: 'VN-2023',
  missionTitle: 'Economic mission to Vietnam 2023',
  ownerName: 'Tom Peeters',
};

const els: MessageRecipient = { name: 'Els Vermeulen', language: 'nl' };
const tom: MessageRecipient = { name: 'Tom Peeters', language: 'en' };

const linkTo = (action: MessageAction): string => actionUrl(URL_BASE, action.id);

describe('renderActionMessage', () => {
  type Case = [kind: ActionMessageKind, language: 'nl' | 'en', subject: string];
  // English for Tom about the Mekong visit; Dutch for Els about the state visit, which she has started.
  const example = {
    en: { recipient: tom, action: mekongVisit, due: 'early November 2023', status: 'in progress' },
    nl: { recipient: els, action: { ...stateVisit, status: 'in_progress' } as MessageAction, due: 'najaar 2024', status: 'in uitvoering' },
  };

  it.each<Case>([
    ['assignment', 'en', '[VN-2023] New action for you: MOW visit to Vietnam for the Mekong River Commission'],
    ['assignment', 'nl', '[VN-2023] Nieuwe actie voor jou: State visit to Vietnam'],
    ['heads_up', 'en', '[VN-2023] Coming up: MOW visit to Vietnam for the Mekong River Commission'],
    ['heads_up', 'nl', '[VN-2023] Binnenkort: State visit to Vietnam'],
    ['due_soon', 'en', '[VN-2023] Due soon: MOW visit to Vietnam for the Mekong River Commission'],
    ['due_soon', 'nl', '[VN-2023] Deadline nadert: State visit to Vietnam'],
    ['due', 'en', '[VN-2023] Due now: MOW visit to Vietnam for the Mekong River Commission'],
    ['due', 'nl', '[VN-2023] Nu te doen: State visit to Vietnam'],
    ['overdue', 'en', '[VN-2023] Overdue: MOW visit to Vietnam for the Mekong River Commission'],
    ['overdue', 'nl', '[VN-2023] Te laat: State visit to Vietnam'],
    ['escalation', 'en', '[VN-2023] Escalation: MOW visit to Vietnam for the Mekong River Commission is overdue'],
    ['escalation', 'nl', '[VN-2023] Escalatie: State visit to Vietnam is te laat'],
  ])('renders %s in %s with the subject, action, mission, due words, status and link', (kind, language, subject) => {
    const { recipient, action, due, status } = example[language];
    const message = renderActionMessage(kind, action, recipient, { actionUrl: linkTo(action) });

    expect(message.subject).toBe(subject);
    for (const body of [message.text, message.html]) {
      expect(body).toContain(action.title);
      expect(body).toContain('VN-2023 – Economic mission to Vietnam 2023');
      expect(body).toContain(due);
      expect(body).toContain(status);
      expect(body).toContain(linkTo(action));
    }
    expect(message.text).toContain(recipient.language === 'nl' ? 'Dag Els Vermeulen,' : 'Hello Tom Peeters,');
    expect(message.html).toContain(`<html lang="${recipient.language}">`);
  });

  it('tells the owner who gave them the action, or that they were made owner', () => {
    expect(renderActionMessage('assignment', mekongVisit, tom, { actionUrl: linkTo(mekongVisit), assignedByName: 'Els Vermeulen' }).text).toContain(
      'Els Vermeulen gave you a follow-up action.',
    );
    expect(renderActionMessage('assignment', mekongVisit, tom, { actionUrl: linkTo(mekongVisit), assignedByName: null }).text).toContain(
      'You were made owner of a follow-up action.',
    );
    expect(renderActionMessage('assignment', stateVisit, els, { actionUrl: linkTo(stateVisit), assignedByName: 'Tom Peeters' }).text).toContain(
      'Tom Peeters gaf je een opvolgactie.',
    );
    expect(renderActionMessage('assignment', stateVisit, els, { actionUrl: linkTo(stateVisit) }).text).toContain(
      'Je bent eigenaar geworden van een opvolgactie.',
    );
  });

  it('names the owner for watchers but not in the assignment the owner gets', () => {
    const reminder = renderActionMessage('due_soon', mekongVisit, tom, { actionUrl: linkTo(mekongVisit) });
    expect(reminder.text).toMatch(/^Owner: +Els Vermeulen$/m);
    expect(reminder.html).toContain('>Owner</th><td style="padding:4px 0;vertical-align:top;">Els Vermeulen</td>');

    const assignment = renderActionMessage('assignment', mekongVisit, tom, { actionUrl: linkTo(mekongVisit) });
    expect(assignment.text).not.toContain('Owner:');
  });

  it('says which overdue reminder it is from the second one on', () => {
    const render = (recipient: MessageRecipient, occurrence: number) =>
      renderActionMessage('overdue', recipient === tom ? mekongVisit : stateVisit, recipient, { actionUrl: 'x', occurrence });

    expect(render(tom, 1).subject).toBe('[VN-2023] Overdue: MOW visit to Vietnam for the Mekong River Commission');
    expect(render(tom, 1).text).not.toContain('reminder.');
    expect(render(tom, 2).subject).toBe('[VN-2023] Overdue (2nd reminder): MOW visit to Vietnam for the Mekong River Commission');
    expect(render(tom, 2).text).toContain('This is the 2nd reminder.');
    expect(render(tom, 3).subject).toBe('[VN-2023] Overdue (3rd reminder): MOW visit to Vietnam for the Mekong River Commission');
    expect(render(tom, 11).text).toContain('This is the 11th reminder.');
    expect(render(els, 2).subject).toBe('[VN-2023] Te laat (2e herinnering): State visit to Vietnam');
    expect(render(els, 4).text).toContain('Dit is de 4e herinnering.');
  });

  it("escalates with the owner's name, or says the action has no owner", () => {
    expect(renderActionMessage('escalation', mekongVisit, tom, { actionUrl: 'x' }).text).toContain(
      'The action of Els Vermeulen is overdue: it was due early November 2023.',
    );
    expect(renderActionMessage('escalation', stateVisit, els, { actionUrl: 'x' }).text).toContain(
      'De actie van Els Vermeulen is te laat: ze was voorzien voor najaar 2024.',
    );

    const unowned = renderActionMessage('escalation', { ...mekongVisit, ownerName: null }, tom, { actionUrl: 'x' });
    expect(unowned.text).toContain('An action without an owner is overdue');
    expect(unowned.text).toMatch(/^Owner: +nobody yet$/m);
    expect(renderActionMessage('escalation', { ...stateVisit, ownerName: null }, els, { actionUrl: 'x' }).text).toContain(
      'Een actie zonder eigenaar is te laat',
    );
  });

  it('describes a due window without a label in the reader’s language, and a missing one in words', () => {
    expect(renderActionMessage('heads_up', gooseMission, tom, { actionUrl: 'x' }).text).toMatch(/^Due: +March 2024$/m);
    expect(renderActionMessage('heads_up', gooseMission, els, { actionUrl: 'x' }).text).toMatch(/^Termijn: +maart 2024$/m);
    expect(renderActionMessage('heads_up', gooseMission, els, { actionUrl: 'x' }).text).toMatch(/^Status: +uitgesteld$/m);

    const undated = { ...gooseMission, dueFrom: null, dueTo: null, duePrecision: null };
    expect(renderActionMessage('assignment', undated, tom, { actionUrl: 'x' }).text).toMatch(/^Due: +no due date yet$/m);
    expect(renderActionMessage('assignment', undated, els, { actionUrl: 'x' }).text).toMatch(/^Termijn: +nog geen termijn$/m);
  });

  it('escapes every value in the HTML part', () => {
    const hostile: MessageAction = {
      ...mekongVisit,
      title: '<script>alert("x")</script> & co',
      missionTitle: 'Vietnam <b>2023</b>',
      ownerName: "Els <img src=x onerror='1'>",
      dueLabel: '<i>early</i> November 2023',
    };
    const message = renderActionMessage(
      'escalation',
      hostile,
      { name: 'Tom <Peeters>', language: 'en' },
      { actionUrl: 'https://crm.fit.example/a?x="><script>' },
    );

    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<b>');
    expect(message.html).not.toContain('<img');
    expect(message.html).not.toContain('<i>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(message.html).toContain('Tom &lt;Peeters&gt;');
    expect(message.html).toContain('Els &lt;img src=x onerror=&#39;1&#39;&gt;');
    expect(message.html).toContain('href="https://crm.fit.example/a?x=&quot;&gt;&lt;script&gt;"');
    // The plain-text part is not HTML: it shows the words as written.
    expect(message.text).toContain('<script>alert("x")</script> & co');
  });

  it('keeps the subject on one short line', () => {
    const longTitle = `Follow-up appointment\nwith NXTPORT International about ${'smart logistics '.repeat(10)}`;
    const { subject, text } = renderActionMessage('due', { ...mekongVisit, title: longTitle }, tom, { actionUrl: 'x' });

    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.startsWith('[VN-2023] Due now: Follow-up appointment with NXTPORT International about smart logistics')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
    expect(subject.length).toBeLessThanOrEqual('[VN-2023] Due now: '.length + 80);
    expect(text).toMatch(/^Action: +Follow-up appointment with NXTPORT International about smart logistics smart logistics/m);
  });
});

describe('renderDigest', () => {
  const url = (id: string): string => actionUrl(URL_BASE, id);

  it('lists the overdue and the due-soon actions, each with mission, due words, status and link', () => {
    const message = renderDigest(tom, '2023-11-13', { overdue: [mekongVisit], dueSoon: [gooseMission, stateVisit] }, url);

    expect(message.subject).toBe('[mission-crm] 13 November 2023: 1 overdue, 2 due soon');
    expect(message.text).toContain('Hello Tom Peeters,');
    expect(message.text).toContain('Your follow-up actions on 13 November 2023.');
    const overdue = message.text.indexOf('Overdue (1)');
    const dueSoon = message.text.indexOf('Due soon (2)');
    expect(overdue).toBeGreaterThan(-1);
    expect(dueSoon).toBeGreaterThan(overdue);
    expect(message.text.slice(overdue, dueSoon)).toContain(
      [
        '- MOW visit to Vietnam for the Mekong River Commission',
        '  VN-2023 – Economic mission to Vietnam 2023 · due early November 2023 · in progress · owner Els Vermeulen',
        `  ${url(mekongVisit.id)}`,
      ].join('\n'),
    );
    // Tom owns the GOOSE mission himself: no owner named.
    expect(message.text.slice(dueSoon)).toContain(
      [
        '- Mission to Vietnam for the EU project GOOSE',
        '  VN-2023 – Economic mission to Vietnam 2023 · due March 2024 · postponed',
        `  ${url(gooseMission.id)}`,
      ].join('\n'),
    );
    expect(message.text.slice(dueSoon)).toContain('due autumn 2024 · open · owner Els Vermeulen');

    expect(message.html).toContain('>Overdue (1)</h2>');
    expect(message.html).toContain('>Due soon (2)</h2>');
    for (const action of [mekongVisit, gooseMission, stateVisit]) {
      expect(message.html).toContain(`<a href="${url(action.id)}" style="color:#0b5cad;">${action.title}</a>`);
    }
  });

  it('renders in Dutch and leaves out an empty section', () => {
    const message = renderDigest(els, '2024-11-25', { overdue: [], dueSoon: [stateVisit] }, url);

    expect(message.subject).toBe('[mission-crm] 25 november 2024: 1 binnenkort');
    expect(message.text).toContain('Dag Els Vermeulen,');
    expect(message.text).toContain('Je opvolgacties op 25 november 2024.');
    expect(message.text).toContain('Deadline nadert (1)');
    expect(message.text).toContain('  VN-2023 – Economic mission to Vietnam 2023 · termijn najaar 2024 · open\n');
    expect(message.text).not.toContain('Te laat');
    expect(message.html).not.toContain('Te laat');
    expect(message.html).toContain('>Deadline nadert (1)</h2>');
  });

  it('leaves out an empty due-soon section', () => {
    const message = renderDigest(tom, '2023-11-13', { overdue: [mekongVisit], dueSoon: [] }, url);

    expect(message.subject).toBe('[mission-crm] 13 November 2023: 1 overdue');
    expect(message.text).toContain('Overdue (1)');
    expect(message.text).not.toContain('Due soon');
    expect(message.html).not.toContain('Due soon');
  });

  it('says so when there is nothing to report', () => {
    const message = renderDigest(els, '2024-11-25', { overdue: [], dueSoon: [] }, url);

    expect(message.subject).toBe('[mission-crm] 25 november 2024: niets te doen');
    expect(message.text).toContain('Er is niets te laat en niets dat binnenkort af moet.');
  });

  it('escapes every value in the HTML part', () => {
    const message = renderDigest(
      { name: '<b>Tom</b>', language: 'en' },
      '2023-11-13',
      { overdue: [{ ...mekongVisit, title: '<script>x</script>' }], dueSoon: [] },
      url,
    );

    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toContain('<b>');
    expect(message.html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('actionUrl', () => {
  it('joins the public URL and the dashboard path without a double slash', () => {
    expect(actionUrl('https://crm.fit.example', 'abc')).toBe('https://crm.fit.example/actions/abc');
    expect(actionUrl('https://crm.fit.example/', 'abc')).toBe('https://crm.fit.example/actions/abc');
    expect(actionUrl('http://localhost:3000/crm//', 'abc')).toBe('http://localhost:3000/crm/actions/abc');
  });
});
