import { describeDueDates, DUE_PRECISIONS, type DuePrecision } from '../actions/due/due-window.js';
import type { Block, ListItem, ReportDocument } from './report-document.js';
import type { MissionReportDto, ReportActionDto, ReportAgreementDto, ReportLanguage, ReportMeetingDto } from './report.dto.js';
import { approximately, counted, dateRange, decimal, listOf, longDate, numberInWords, numbersAlike, percentage, sentence } from './words.js';

const MISSION_TYPES: Record<ReportLanguage, Record<string, string>> = {
  nl: { economic_mission: 'economische missie', state_visit: 'staatsbezoek', sector_mission: 'sectormissie', trade_fair: 'beursdeelname', other: 'missie' },
  en: { economic_mission: 'economic mission', state_visit: 'state visit', sector_mission: 'sector mission', trade_fair: 'trade fair', other: 'mission' },
};
const AGREEMENT_TYPES: Record<ReportLanguage, Record<string, string>> = {
  nl: { mou: 'MoU', loi: 'intentieverklaring', cooperation_agreement: 'samenwerkingsakkoord', contract: 'contract' },
  en: { mou: 'MoU', loi: 'letter of intent', cooperation_agreement: 'cooperation agreement', contract: 'contract' },
};
/** Every wording of a type, in either language, that a title may already open with ("MoU NXTPORT …", "Letter of intent MOW …"). */
const AGREEMENT_TYPE_WORDS: Record<string, string[]> = Object.fromEntries(
  Object.keys(AGREEMENT_TYPES.en).map((type) => [type, [AGREEMENT_TYPES.nl[type], AGREEMENT_TYPES.en[type], ...(type === 'loi' ? ['LoI'] : [])]]),
);
const ACTION_STATUSES: Record<ReportLanguage, Record<string, string>> = {
  nl: { open: 'open', in_progress: 'in uitvoering', done: 'afgerond', cancelled: 'geannuleerd', postponed: 'uitgesteld' },
  en: { open: 'open', in_progress: 'in progress', done: 'done', cancelled: 'cancelled', postponed: 'postponed' },
};

const TEXT = {
  nl: {
    asOf: (date: string) => `Stand van zaken op ${date}`,
    demo: (participants: number, meetings: number) =>
      `Dit rapport bevat demonstratiegegevens: ${counted(participants, 'organisatie', 'organisaties', 'nl')} van de delegatie en ${counted(meetings, 'ontmoeting', 'ontmoetingen', 'nl')} zijn verzonnen en dienen enkel als voorbeeld.`,
    missionHeading: 'De missie',
    held: (past: boolean, type: string, dates: string, where: string) =>
      `De ${type} ${past ? 'vond plaats' : 'vindt plaats'} van ${dates}${where ? ` in ${where}` : ''}.`,
    led: (leader: string, organiser: string | null) => `Ze stond onder leiding van ${leader}${organiser ? ` en werd georganiseerd door ${organiser}` : ''}.`,
    organised: (organiser: string) => `Ze werd georganiseerd door ${organiser}.`,
    theme: (theme: string) => `De missie stond in het teken van „${theme}”.`,
    previous: (title: string, dates: string) => `Ze bouwde voort op een eerdere missie: ${title} (${dates}).`,
    officer: (name: string) => `Verantwoordelijke bij het agentschap: ${name}.`,
    delegationHeading: 'De delegatie',
    delegation: (companies: number, others: number) =>
      `Aan de missie namen ${counted(companies, 'bedrijf', 'bedrijven', 'nl')} deel${others > 0 ? `, samen met ${counted(others, 'andere organisatie', 'andere organisaties', 'nl')}` : ''}.`,
    focus: (sectors: string) => `Ze zijn actief in uiteenlopende sectoren, met een gedeelde focus op ${sectors}.`,
    bySector: 'De bedrijven naar hun voornaamste sector:',
    noDelegation: 'Er is (nog) geen delegatie geregistreerd.',
    meetingsHeading: 'Ontmoetingen',
    b2b: (count: number, companies: number, counterparts: number) =>
      count === 0
        ? 'Er zijn (nog) geen b2b-gesprekken geregistreerd.'
        : `Er waren ${counted(count, 'b2b-gesprek', 'b2b-gesprekken', 'nl', false)}: ${counted(companies, 'organisatie', 'organisaties', 'nl')} van de delegatie spraken met ${counted(counterparts, 'gesprekspartner', 'gesprekspartners', 'nl')}.`,
    official: (count: number) => `${sentence(counted(count, 'officiële ontmoeting', 'officiële ontmoetingen', 'nl'))}:`,
    with: 'met',
    companiesPresent: (count: number) => `${counted(count, 'bedrijf', 'bedrijven', 'nl')} van de delegatie ${count === 1 ? 'was' : 'waren'} aanwezig`,
    events: (count: number) => `${sentence(counted(count, 'evenement', 'evenementen', 'nl'))}:`,
    attendees: (count: number) => `${approximately(count, 'nl')} aanwezigen`,
    seminarsEach: (count: number, least: number) =>
      `De ${numberInWords(count, 'nl')} seminaries trokken elk ${approximately(least, 'nl') === numberInWords(least, 'nl') ? `minstens ${numberInWords(least, 'nl')}` : approximately(least, 'nl')} aanwezigen.`,
    visits: 'Bezoeken en andere ontmoetingen:',
    agreementsHeading: 'Akkoorden',
    signed: (count: number) => `Tijdens de missie ${count === 1 ? 'werd' : 'werden'} ${counted(count, 'akkoord', 'akkoorden', 'nl')} ondertekend:`,
    noneSigned: 'Tijdens de missie werden (nog) geen akkoorden ondertekend.',
    planned: 'In voorbereiding, nog niet ondertekend:',
    earlier: 'De missie bouwde voort op eerdere akkoorden:',
    between: (parties: string) => `tussen ${parties}`,
    signedOn: (date: string) => `ondertekend op ${date}`,
    since: (date: string) => `van kracht sinds ${date}`,
    themes: (themes: string) => `thema's: ${themes}`,
    actionsHeading: 'Opvolging',
    actions: (date: string, total: number, byStatus: string) =>
      total === 0 ? `Op ${date} waren er (nog) geen opvolgacties.` : `Op ${date} waren er ${counted(total, 'opvolgactie', 'opvolgacties', 'nl')}: ${byStatus}.`,
    overdue: (count: number) => `${sentence(counted(count, 'actie was', 'acties waren', 'nl'))} op die dag te laat.`,
    noDue: 'geen termijn',
    noOwner: 'geen eigenaar',
    late: 'te laat',
    surveyHeading: 'Tevredenheid',
    surveyNone: (date: string) => `Op ${date} waren er nog geen antwoorden op de tevredenheidsenquête.`,
    surveyAnswered: (answered: number, invited: number, rate: string) =>
      `Van de ${counted(invited, 'bevraagde deelnemer', 'bevraagde deelnemers', 'nl')} ${answered === 1 ? 'antwoordde er' : 'antwoordden er'} ${numberInWords(answered, 'nl')} op de tevredenheidsenquête (${rate}).`,
    byHand: 'Er werd geen enquête via dit systeem verstuurd; de scores zijn de tevredenheid die bij de deelnemers werd geregistreerd.',
    closes: (date: string, past: boolean) => `De enquête ${past ? 'sloot' : 'sluit'} op ${date}.`,
    average: (value: string) => `De gemiddelde score is ${value} op 5.`,
    allPositive: 'Alle antwoorden zijn positief (score 4 of 5).',
    // "Negentien deelnemers gaven een 5 en vier een 4."
    distribution: (parts: { count: string; one: boolean; score: string }[]) =>
      `${sentence(
        listOf(
          parts.map((p, i) => (i === 0 ? `${p.count} ${p.one ? 'deelnemer gaf' : 'deelnemers gaven'} een ${p.score}` : `${p.count} een ${p.score}`)),
          'nl',
        ),
      )}.`,
    joinAgain: (yes: number, total: number) => `${yesOf(yes, total, 'nl')} ${yes === 0 || yes === 1 ? 'zou' : 'zouden'} opnieuw deelnemen.`,
    b2bUseful: (yes: number, total: number) => `${yesOf(yes, total, 'nl')} ${yes === 0 || yes === 1 ? 'vond' : 'vonden'} de b2b-gesprekken nuttig.`,
    comments: 'Opmerkingen van de bedrijven:',
    demoMark: ' (demo)',
  },
  en: {
    asOf: (date: string) => `Position as of ${date}`,
    demo: (participants: number, meetings: number) =>
      `This report contains demonstration data: ${counted(participants, 'organisation', 'organisations', 'en')} of the delegation and ${counted(meetings, 'meeting', 'meetings', 'en')} are invented and serve as an example only.`,
    missionHeading: 'The mission',
    held: (past: boolean, type: string, dates: string, where: string) =>
      `The ${type} ${past ? 'took place' : 'takes place'} from ${dates}${where ? ` in ${where}` : ''}.`,
    led: (leader: string, organiser: string | null) => `It was led by ${leader}${organiser ? ` and organised by ${organiser}` : ''}.`,
    organised: (organiser: string) => `It was organised by ${organiser}.`,
    theme: (theme: string) => `The mission was held under the theme “${theme}”.`,
    previous: (title: string, dates: string) => `It built on an earlier mission: ${title} (${dates}).`,
    officer: (name: string) => `Responsible officer: ${name}.`,
    delegationHeading: 'The delegation',
    delegation: (companies: number, others: number) =>
      `${sentence(counted(companies, 'company', 'companies', 'en'))} took part in the mission${others > 0 ? `, together with ${counted(others, 'other organisation', 'other organisations', 'en')}` : ''}.`,
    focus: (sectors: string) => `They work in a range of sectors, with a shared focus on ${sectors}.`,
    bySector: 'The companies by their main sector:',
    noDelegation: 'No delegation has been recorded (yet).',
    meetingsHeading: 'Meetings',
    b2b: (count: number, companies: number, counterparts: number) =>
      count === 0
        ? 'No B2B meetings have been recorded (yet).'
        : `There were ${counted(count, 'B2B meeting', 'B2B meetings', 'en', false)}: ${counted(companies, 'organisation', 'organisations', 'en')} of the delegation met ${counted(counterparts, 'counterpart', 'counterparts', 'en')}.`,
    official: (count: number) => `${sentence(counted(count, 'official meeting', 'official meetings', 'en'))}:`,
    with: 'with',
    companiesPresent: (count: number) => `${counted(count, 'company', 'companies', 'en')} of the delegation took part`,
    events: (count: number) => `${sentence(counted(count, 'event', 'events', 'en'))}:`,
    attendees: (count: number) => `${approximately(count, 'en')} attendees`,
    seminarsEach: (count: number, least: number) =>
      `The ${numberInWords(count, 'en')} seminars each drew ${approximately(least, 'en') === numberInWords(least, 'en') ? `at least ${numberInWords(least, 'en')}` : approximately(least, 'en')} attendees.`,
    visits: 'Visits and other meetings:',
    agreementsHeading: 'Agreements',
    signed: (count: number) => `${sentence(counted(count, 'agreement was', 'agreements were', 'en'))} signed during the mission:`,
    noneSigned: 'No agreements were signed during the mission (yet).',
    planned: 'In preparation, not signed yet:',
    earlier: 'The mission built on earlier agreements:',
    between: (parties: string) => `between ${parties}`,
    signedOn: (date: string) => `signed on ${date}`,
    since: (date: string) => `in force since ${date}`,
    themes: (themes: string) => `themes: ${themes}`,
    actionsHeading: 'Follow-up',
    actions: (date: string, total: number, byStatus: string) =>
      total === 0
        ? `As of ${date} there were no follow-up actions (yet).`
        : `As of ${date} there were ${counted(total, 'follow-up action', 'follow-up actions', 'en')}: ${byStatus}.`,
    overdue: (count: number) => `${sentence(counted(count, 'action was', 'actions were', 'en'))} overdue on that day.`,
    noDue: 'no due date',
    noOwner: 'no owner',
    late: 'overdue',
    surveyHeading: 'Satisfaction',
    surveyNone: (date: string) => `As of ${date} no answers to the satisfaction survey had been received.`,
    surveyAnswered: (answered: number, invited: number, rate: string) =>
      `Of the ${counted(invited, 'participant', 'participants', 'en')} asked, ${numberInWords(answered, 'en')} answered the satisfaction survey (${rate}).`,
    byHand: 'No survey was sent through this system; the scores are the satisfaction recorded for the participants.',
    closes: (date: string, past: boolean) => `The survey ${past ? 'closed' : 'closes'} on ${date}.`,
    average: (value: string) => `The average score is ${value} out of 5.`,
    allPositive: 'All answers are positive (a score of 4 or 5).',
    // "Nineteen participants gave a 5 and four a 4."
    distribution: (parts: { count: string; one: boolean; score: string }[]) =>
      `${sentence(
        listOf(
          parts.map((p, i) => (i === 0 ? `${p.count} ${p.one ? 'participant' : 'participants'} gave a ${p.score}` : `${p.count} a ${p.score}`)),
          'en',
        ),
      )}.`,
    joinAgain: (yes: number, total: number) => `${yesOf(yes, total, 'en')} would take part again.`,
    b2bUseful: (yes: number, total: number) => `${yesOf(yes, total, 'en')} found the B2B meetings useful.`,
    comments: "The companies' comments:",
    demoMark: ' (demo)',
  },
} as const;

/**
 * "Eén van de twee", "Geen van beiden", "Geen van de drie" / "One of two", "Neither of the two",
 * "None of the three": the subject of a yes/no sentence, both counts in one form.
 */
function yesOf(yes: number, total: number, language: ReportLanguage): string {
  const [yesWords, totalWords] = numbersAlike([yes, total], language);
  if (language === 'nl') {
    if (yes === 0) return total === 2 ? 'Geen van beiden' : `Geen van de ${totalWords}`;
    return `${sentence(yesWords)} van de ${totalWords}`;
  }
  if (yes === 0) return total === 2 ? 'Neither of the two' : `None of the ${totalWords}`;
  return `${sentence(yesWords)} of ${totalWords}`;
}

/** One name repeats another when either holds the other ("Minister of Foreign Affairs" in "Minister of Foreign Affairs of Vietnam"). */
const repeats = (a: string, b: string): boolean => {
  const [x, y] = [a.trim().toLowerCase(), b.trim().toLowerCase()];
  return x.includes(y) || y.includes(x);
};

/** The title already opens with the type's name, in either language: "MoU NXTPORT …", "Letter of intent MOW …". */
const opensWithType = (title: string, type: string): boolean =>
  (AGREEMENT_TYPE_WORDS[type] ?? []).some((word) => new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(title.trim()));

/** The due window in the report's words, from its dates (a typed label may be in the other language); the label only without dates. */
function dueWords(action: ReportActionDto, language: ReportLanguage): string | null {
  const { dueFrom, dueTo, duePrecision } = action;
  if (dueFrom && dueTo && duePrecision && (DUE_PRECISIONS as readonly string[]).includes(duePrecision))
    return describeDueDates({ dueFrom, dueTo, duePrecision: duePrecision as DuePrecision }, language);
  if (dueFrom && dueTo) return dateRange(dueFrom, dueTo, language);
  return action.dueLabel;
}

/** The report in words, as an officer would write it for an answer to Parliament. */
export function writeReport(report: MissionReportDto, language: ReportLanguage): ReportDocument {
  const t = TEXT[language];
  const { mission } = report;
  const day = longDate(report.asOf, language);
  const blocks: Block[] = [{ kind: 'title', text: `${mission.title} (${mission.code})`, subtitle: t.asOf(day) }];
  if (report.demoData.present) blocks.push({ kind: 'note', text: t.demo(report.demoData.participants, report.demoData.meetings) });

  // The mission.
  const countries = new Intl.DisplayNames([language], { type: 'region' });
  const where =
    mission.cities.length > 0
      ? listOf(mission.cities, language)
      : listOf(
          mission.hostCountries.map((code) => countries.of(code) ?? code),
          language,
        );
  const mission_: string[] = [
    t.held(
      report.asOf > mission.endDate,
      MISSION_TYPES[language][mission.type] ?? mission.type,
      dateRange(mission.startDate, mission.endDate, language),
      where,
    ),
  ];
  if (mission.leader) mission_.push(t.led(mission.leader.role ? `${mission.leader.name} (${mission.leader.role})` : mission.leader.name, mission.organiser));
  else if (mission.organiser) mission_.push(t.organised(mission.organiser));
  if (mission.theme) mission_.push(t.theme(mission.theme));
  if (mission.previousMission)
    mission_.push(t.previous(mission.previousMission.title, dateRange(mission.previousMission.startDate, mission.previousMission.endDate, language)));
  if (mission.officer) mission_.push(t.officer(mission.officer));
  blocks.push({ kind: 'heading', text: t.missionHeading }, { kind: 'paragraph', text: mission_.join(' ') });

  // The delegation.
  const { delegation } = report;
  blocks.push({ kind: 'heading', text: t.delegationHeading });
  if (delegation.total === 0) blocks.push({ kind: 'paragraph', text: t.noDelegation });
  else {
    const text = [t.delegation(delegation.companies, delegation.total - delegation.companies)];
    if (mission.focusSectors.length > 0) text.push(t.focus(listOf(mission.focusSectors, language)));
    blocks.push({ kind: 'paragraph', text: text.join(' ') });
    if (delegation.bySector.length > 0) {
      const demo = new Set(delegation.participants.filter((p) => p.synthetic).map((p) => p.name));
      const mark = (name: string) => (demo.has(name) && !/\(demo\)/i.test(name) ? `${name}${t.demoMark}` : name);
      blocks.push(
        { kind: 'paragraph', text: t.bySector },
        { kind: 'list', items: delegation.bySector.map((s) => ({ label: s.sector || '—', text: listOf(s.companies.map(mark), language) })) },
      );
    }
  }

  // Meetings.
  const { meetings } = report;
  blocks.push(
    { kind: 'heading', text: t.meetingsHeading },
    { kind: 'paragraph', text: t.b2b(meetings.b2b.total, meetings.b2b.companies, meetings.b2b.counterparts) },
  );
  // The place, unless it only repeats whom the meeting was with ("… University of Education; met … University of Education").
  const when = (meeting: ReportMeetingDto) => {
    const names = [...meeting.counterparts.map((o) => o.name), ...meeting.counterpartContacts.map((c) => c.name)];
    const place = meeting.location && !names.some((name) => name.trim().toLowerCase() === meeting.location!.trim().toLowerCase()) ? meeting.location : null;
    return `${longDate(meeting.date, language)}${place ? `, ${place}` : ''}`;
  };
  if (meetings.official.length > 0) {
    blocks.push({ kind: 'paragraph', text: t.official(meetings.official.length) });
    blocks.push({
      kind: 'list',
      items: meetings.official.map((meeting): ListItem => {
        const people = meeting.counterpartContacts.map((c) => (c.role && !repeats(c.role, c.name) ? `${c.name} (${c.role})` : c.name));
        const met = [...people, ...meeting.counterparts.map((o) => o.name)];
        const parts = [`${meeting.title} (${when(meeting)})`];
        if (met.length > 0) parts.push(`${t.with} ${listOf(met, language)}`);
        if (meeting.companiesPresent > 0) parts.push(t.companiesPresent(meeting.companiesPresent));
        let text = parts.join('; ');
        if (meeting.outcome) text += `. ${meeting.outcome}`;
        return { text };
      }),
    });
  }
  if (meetings.events.length > 0) {
    blocks.push({ kind: 'paragraph', text: t.events(meetings.events.length) });
    blocks.push({
      kind: 'list',
      items: meetings.events.map((meeting) => ({
        text: `${meeting.title} (${when(meeting)})${meeting.attendeeCount !== null ? `: ${t.attendees(meeting.attendeeCount)}` : ''}${meeting.summary && meeting.kind === 'forum' ? `. ${meeting.summary}` : ''}`,
      })),
    });
    const seminars = meetings.events.filter((m) => m.kind === 'seminar');
    if (seminars.length >= 2 && seminars.every((m) => m.attendeeCount !== null)) {
      blocks.push({ kind: 'paragraph', text: t.seminarsEach(seminars.length, Math.min(...seminars.map((m) => m.attendeeCount!))) });
    }
  }
  if (meetings.visits.length > 0) {
    blocks.push(
      { kind: 'paragraph', text: t.visits },
      {
        kind: 'list',
        items: meetings.visits.map((meeting) => ({ text: `${meeting.title} (${when(meeting)})${meeting.summary ? `. ${meeting.summary}` : ''}` })),
      },
    );
  }

  // Agreements.
  const agreement = (a: ReportAgreementDto): ListItem => {
    const parts = [opensWithType(a.title, a.type) ? a.title : `${AGREEMENT_TYPES[language][a.type] ?? a.type}: ${a.title}`];
    if (a.parties.length > 0)
      parts.push(
        t.between(
          listOf(
            a.parties.map((p) => p.name),
            language,
          ),
        ),
      );
    if (a.signedOn && a.status !== 'planned') parts.push(t.signedOn(longDate(a.signedOn, language)));
    else if (a.validFrom) parts.push(t.since(a.validFrom.endsWith('-01-01') ? a.validFrom.slice(0, 4) : longDate(a.validFrom, language)));
    if (a.themes.length > 0) parts.push(t.themes(listOf(a.themes, language)));
    return { text: parts.join(', ') };
  };
  const { agreements } = report;
  blocks.push({ kind: 'heading', text: t.agreementsHeading });
  if (agreements.signed.length > 0)
    blocks.push({ kind: 'paragraph', text: t.signed(agreements.signed.length) }, { kind: 'list', items: agreements.signed.map(agreement) });
  else blocks.push({ kind: 'paragraph', text: t.noneSigned });
  if (agreements.planned.length > 0) blocks.push({ kind: 'paragraph', text: t.planned }, { kind: 'list', items: agreements.planned.map(agreement) });
  if (agreements.earlier.length > 0) blocks.push({ kind: 'paragraph', text: t.earlier }, { kind: 'list', items: agreements.earlier.map(agreement) });

  // Follow-up.
  const { actions } = report;
  const statusCounts = Object.entries(actions.byStatus).filter(([, count]) => count > 0);
  const statusNumbers = numbersAlike(
    statusCounts.map(([, count]) => count),
    language,
  );
  const statusWords = statusCounts.map(([status], i) => `${statusNumbers[i]} ${ACTION_STATUSES[language][status] ?? status}`);
  blocks.push({ kind: 'heading', text: t.actionsHeading }, { kind: 'paragraph', text: t.actions(day, actions.total, listOf(statusWords, language)) });
  if (actions.overdue > 0) blocks.push({ kind: 'paragraph', text: t.overdue(actions.overdue) });
  if (actions.items.length > 0) {
    blocks.push({
      kind: 'list',
      items: actions.items.map((action) => {
        const due = dueWords(action, language) ?? t.noDue;
        const status = `${ACTION_STATUSES[language][action.status] ?? action.status}${action.overdue ? ` (${t.late})` : ''}`;
        return { label: due, text: `${action.title} — ${action.ownerName ?? t.noOwner} — ${status}` };
      }),
    });
  }

  // Satisfaction.
  const { survey } = report;
  blocks.push({ kind: 'heading', text: t.surveyHeading });
  const surveyText: string[] = [];
  if (!survey.opened && survey.answered > 0) surveyText.push(t.byHand);
  if (survey.closesOn) surveyText.push(t.closes(longDate(survey.closesOn, language), report.asOf > survey.closesOn));
  if (survey.answered === 0) surveyText.push(t.surveyNone(day));
  else {
    surveyText.push(t.surveyAnswered(survey.answered, survey.invited, percentage(survey.responseRate ?? 0, language)));
    if (survey.averageScore !== null) surveyText.push(t.average(decimal(survey.averageScore, language)));
    if ((survey.distribution['1'] ?? 0) + (survey.distribution['2'] ?? 0) + (survey.distribution['3'] ?? 0) === 0) surveyText.push(t.allPositive);
    const given = Object.entries(survey.distribution)
      .filter(([, count]) => count > 0)
      .reverse();
    const counts = numbersAlike(
      given.map(([, count]) => count),
      language,
    );
    surveyText.push(t.distribution(given.map(([score, count], i) => ({ count: counts[i], one: count === 1, score }))));
    const join = survey.wouldJoinAgain.yes + survey.wouldJoinAgain.no;
    if (join > 0) surveyText.push(t.joinAgain(survey.wouldJoinAgain.yes, join));
    const b2b = survey.b2bUseful.yes + survey.b2bUseful.no;
    if (b2b > 0) surveyText.push(t.b2bUseful(survey.b2bUseful.yes, b2b));
  }
  blocks.push({ kind: 'paragraph', text: surveyText.join(' ') });
  if (survey.comments.length > 0) {
    blocks.push(
      { kind: 'paragraph', text: t.comments },
      { kind: 'list', items: survey.comments.map((c) => ({ label: c.organisation, text: `“${c.comment}”` })) },
    );
  }

  return { language, title: `${mission.title} — ${t.asOf(day)}`, blocks };
}
