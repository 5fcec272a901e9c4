import { Injectable } from '@nestjs/common';
import { ACTION_STATUSES, ACTIVE_ACTION_STATUSES, type ActionStatus } from '../actions/action.entity.js';
import { AGREEMENT_STATUSES } from '../agreements/agreement.entity.js';
import { Clock, dateInZone } from '../common/clock.service.js';
import { NotFoundError } from '../common/errors.js';
import { Environment } from '../config/environment.js';
import { MEETING_KINDS } from '../meetings/meeting.entity.js';
import type { MissionSummaryDto } from '../missions/missions.dto.js';
import type { MissionReportDto, ReportAgreementDto, ReportLanguage, ReportMeetingDto, ReportSectorDto, ReportSurveyDto } from './report.dto.js';
import { type ReportAgreementRow, type ReportFacts, type ReportMeetingRow, type ReportParticipantRow, ReportRepository } from './report.repository.js';

const EVENT_KINDS = new Set(['seminar', 'forum', 'reception']);
const round2 = (value: number): number => Math.round(value * 100) / 100;

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  /** The report of the mission as it stood at the end of `asOf` (default: today) in the agency's time zone. */
  async report(missionId: string, asOf: string | undefined, language: ReportLanguage = 'nl'): Promise<MissionReportDto> {
    const day = asOf ?? this.clock.today(this.environment.DEFAULT_TIME_ZONE);
    const facts = await this.reports.findFacts(missionId, day, this.environment.DEFAULT_TIME_ZONE);
    if (!facts) throw new NotFoundError('mission', missionId);
    return buildReport(facts, day, language);
  }

  /** The counts of the report: what GET /missions/{id}/summary answers. */
  async summarise(missionId: string, asOf: string | undefined): Promise<MissionSummaryDto> {
    const report = await this.report(missionId, asOf);
    const agreementsByStatus = Object.fromEntries(AGREEMENT_STATUSES.map((status) => [status, 0]));
    for (const agreement of [...report.agreements.signed, ...report.agreements.planned]) agreementsByStatus[agreement.status] += 1;
    return {
      missionId,
      asOf: report.asOf,
      participants: { total: report.delegation.total },
      meetings: { total: report.meetings.total, byKind: report.meetings.byKind },
      agreements: { total: report.agreements.signed.length + report.agreements.planned.length, byStatus: agreementsByStatus },
      actions: { total: report.actions.total, byStatus: report.actions.byStatus, overdue: report.actions.overdue },
      satisfaction: { answers: report.survey.answered, averageScore: report.survey.averageScore },
    };
  }
}

export function buildReport(facts: ReportFacts, asOf: string, language: ReportLanguage): MissionReportDto {
  const { mission } = facts;
  const byKind = Object.fromEntries(MEETING_KINDS.map((kind) => [kind, 0]));
  let syntheticMeetings = 0;
  for (const row of facts.meetingCounts) {
    byKind[row.kind] = row.count;
    syntheticMeetings += row.synthetic;
  }
  const meetings = facts.meetings.map((row) => mapMeeting(row, mission.timeZone));

  const companies = facts.participants.filter((p) => p.kind === 'company');
  const sectors = new Map<string, string[]>();
  for (const company of companies) {
    const sector = company.sectors[0] ?? '';
    sectors.set(sector, [...(sectors.get(sector) ?? []), company.name]);
  }
  const bySector: ReportSectorDto[] = [...sectors]
    .map(([sector, names]) => ({ sector, companies: names }))
    .sort((a, b) => b.companies.length - a.companies.length || a.sector.localeCompare(b.sector));

  const signed: ReportAgreementDto[] = [];
  const planned: ReportAgreementDto[] = [];
  const earlier: ReportAgreementDto[] = [];
  for (const row of facts.agreements) {
    if (!row.ofMission) earlier.push(mapAgreement(row));
    else if (row.status === 'planned') planned.push(mapAgreement(row));
    else signed.push(mapAgreement(row));
  }

  const byStatus = Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0]));
  const actions = facts.actions.map((row) => {
    const overdue = ACTIVE_ACTION_STATUSES.includes(row.status as ActionStatus) && row.dueTo !== null && row.dueTo < asOf;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    return { ...row, overdue };
  });

  return {
    asOf,
    language,
    mission: {
      id: mission.id,
      code: mission.code,
      title: mission.title,
      type: mission.type,
      hostCountries: mission.hostCountries.map((country) => country.trim()),
      cities: mission.cities,
      startDate: mission.startDate,
      endDate: mission.endDate,
      organiser: mission.organiser,
      theme: mission.theme,
      focusSectors: mission.focusSectors,
      leader: mission.leaderName === null ? null : { name: mission.leaderName, role: mission.leaderRole },
      officer: mission.officerName,
      previousMission:
        mission.previousCode === null
          ? null
          : { code: mission.previousCode, title: mission.previousTitle!, startDate: mission.previousStartDate!, endDate: mission.previousEndDate! },
    },
    delegation: {
      total: facts.participants.length,
      companies: companies.length,
      bySector,
      participants: facts.participants.map((p) => ({
        organisationId: p.organisationId,
        name: p.name,
        kind: p.kind,
        city: p.city,
        sectors: p.sectors,
        delegates: p.delegates,
        synthetic: p.synthetic,
      })),
    },
    meetings: {
      total: Object.values(byKind).reduce((sum, count) => sum + count, 0),
      byKind,
      b2b: { total: byKind.b2b, companies: facts.b2b.companies, counterparts: facts.b2b.counterparts, byDay: facts.b2b.byDay },
      official: meetings.filter((m) => m.kind === 'official'),
      events: meetings.filter((m) => EVENT_KINDS.has(m.kind)),
      visits: meetings.filter((m) => m.kind !== 'official' && !EVENT_KINDS.has(m.kind)),
    },
    agreements: { signed, planned, earlier },
    actions: { total: actions.length, byStatus, overdue: actions.filter((a) => a.overdue).length, items: actions },
    survey: buildSurvey(facts, asOf),
    demoData: {
      present: syntheticMeetings > 0 || facts.participants.some((p) => p.synthetic),
      participants: facts.participants.filter((p) => p.synthetic).length,
      meetings: syntheticMeetings,
    },
  };
}

function mapMeeting(row: ReportMeetingRow, timeZone: string): ReportMeetingDto {
  const startsAt = new Date(row.startsAt);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    startsAt,
    date: dateInZone(startsAt, timeZone),
    location: row.location,
    counterparts: row.organisations.filter((o) => o.side === 'counterpart').map((o) => ({ id: o.id, name: o.name })),
    counterpartContacts: row.contacts.filter((c) => c.side === 'counterpart').map((c) => ({ id: c.id, name: c.name, role: c.role ?? null })),
    companiesPresent: row.organisations.filter((o) => o.side === 'delegation' && o.kind === 'company').length,
    attendeeCount: row.attendeeCount,
    topics: row.topics,
    summary: row.summary,
    outcome: row.outcome,
    synthetic: row.synthetic,
  };
}

function mapAgreement(row: ReportAgreementRow): ReportAgreementDto {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    parties: row.parties,
    signedOn: row.signedOn,
    validFrom: row.validFrom,
    status: row.status,
    themes: row.themes,
  };
}

/**
 * The answers on the report day. With a survey opened by then, each participant's latest survey
 * answer by then; without one, the satisfaction recorded on the participants by hand (as the
 * audit trail says it stood then), and only from the mission's last day on: a company cannot judge
 * a mission it has not finished, and a score without history (an import, a row from before the
 * audit trail) would otherwise count on every day since the participant was registered.
 */
function buildSurvey(facts: ReportFacts, asOf: string): ReportSurveyDto {
  const byHand = !facts.survey && asOf >= facts.mission.endDate;
  const responses = new Map(facts.responses.map((response) => [response.participantId, response]));
  const answers = facts.participants.flatMap((participant): { participant: ReportParticipantRow; score: number; comment: string | null }[] => {
    const response = responses.get(participant.id);
    if (response) return [{ participant, score: response.score, comment: response.comment }];
    if (byHand && participant.score !== null) return [{ participant, score: participant.score, comment: participant.comment }];
    return [];
  });
  const distribution = Object.fromEntries([1, 2, 3, 4, 5].map((score) => [String(score), 0]));
  for (const answer of answers) distribution[String(answer.score)] += 1;
  const invited = facts.survey ? facts.survey.invited : facts.participants.length;
  const yesNo = (pick: (response: (typeof facts.responses)[number]) => boolean | null) => {
    const values = [...responses.values()].map(pick);
    return { yes: values.filter((value) => value === true).length, no: values.filter((value) => value === false).length };
  };
  return {
    opened: facts.survey !== null,
    closesOn: facts.survey?.closesOn ?? null,
    invited,
    answered: answers.length,
    responseRate: invited > 0 ? round2(answers.length / invited) : null,
    averageScore: answers.length > 0 ? round2(answers.reduce((sum, answer) => sum + answer.score, 0) / answers.length) : null,
    distribution,
    wouldJoinAgain: yesNo((response) => response.wouldJoinAgain),
    b2bUseful: yesNo((response) => response.b2bUseful),
    comments: answers
      .filter((answer) => answer.comment !== null && answer.comment.trim() !== '')
      .map((answer) => ({ organisation: answer.participant.name, comment: answer.comment!, synthetic: answer.participant.synthetic })),
  };
}
