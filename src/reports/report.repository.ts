import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The facts of a mission as they stood at the end of a day: raw rows for the report service.
 * One query per part of the report, run side by side; each is served by an index on mission_id
 * (and, for the state of a field on that day, by the audit trail's index on entity and id).
 *
 * Every query takes $1 = the mission, $2 = the report's day (YYYY-MM-DD) and $3 = the agency's
 * time zone: the day ends at the start of the next one there (CUTOFF).
 */
const CUTOFF = `((($2::date + 1)::timestamp) AT TIME ZONE $3)`;

/**
 * The value a field of an audited record had at the cutoff, as jsonb: the `after` of its last
 * change before then; else the `before` of its first change since; else (no change on record)
 * `current`, the value it has now.
 */
function fieldAt(entity: string, id: string, field: string, current: string): string {
  return `COALESCE(
    (SELECT e.changes -> '${field}' -> 'after' FROM audit_entries e
      WHERE e.entity = '${entity}' AND e.entity_id = ${id} AND e.changes ? '${field}' AND e.occurred_at < ${CUTOFF}
      ORDER BY e.occurred_at DESC LIMIT 1),
    (SELECT e.changes -> '${field}' -> 'before' FROM audit_entries e
      WHERE e.entity = '${entity}' AND e.entity_id = ${id} AND e.changes -> '${field}' ? 'before' AND e.occurred_at >= ${CUTOFF}
      ORDER BY e.occurred_at ASC LIMIT 1),
    to_jsonb(${current}))`;
}

export interface ReportMissionRow {
  id: string;
  code: string;
  title: string;
  type: string;
  hostCountries: string[];
  cities: string[];
  startDate: string;
  endDate: string;
  timeZone: string;
  organiser: string | null;
  theme: string | null;
  focusSectors: string[];
  status: string;
  leaderName: string | null;
  leaderRole: string | null;
  officerName: string | null;
  previousCode: string | null;
  previousTitle: string | null;
  previousStartDate: string | null;
  previousEndDate: string | null;
}

export interface ReportParticipantRow {
  id: string;
  organisationId: string;
  name: string;
  kind: string;
  city: string | null;
  sectors: string[];
  synthetic: boolean;
  delegates: number;
  /** The satisfaction recorded on the participant at the cutoff (by hand or by the survey). */
  score: number | null;
  comment: string | null;
}

export interface ReportMeetingCountRow {
  kind: string;
  count: number;
  synthetic: number;
}

export interface ReportB2bRow {
  companies: number;
  counterparts: number;
  byDay: { date: string; count: number }[];
}

export interface ReportParty {
  id: string;
  name: string;
  kind?: string;
  role?: string | null;
  side: 'delegation' | 'counterpart';
}

export interface ReportMeetingRow {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  location: string | null;
  attendeeCount: number | null;
  topics: string[];
  summary: string | null;
  outcome: string | null;
  synthetic: boolean;
  organisations: ReportParty[];
  contacts: ReportParty[];
}

export interface ReportAgreementRow {
  id: string;
  type: string;
  title: string;
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** The status at the cutoff: planned while its signing day is still to come. */
  status: string;
  themes: string[];
  ofMission: boolean;
  parties: { id: string; name: string }[];
}

export interface ReportActionRow {
  id: string;
  title: string;
  kind: string;
  dueFrom: string | null;
  dueTo: string | null;
  duePrecision: string | null;
  dueLabel: string | null;
  ownerId: string | null;
  ownerName: string | null;
  /** The status at the cutoff. */
  status: string;
  completedAt: Date | null;
}

export interface ReportSurveyRow {
  closesOn: string;
  closesAt: Date;
  invited: number;
}

export interface ReportResponseRow {
  participantId: string;
  score: number;
  comment: string | null;
  wouldJoinAgain: boolean | null;
  b2bUseful: boolean | null;
  receivedAt: Date;
}

export interface ReportFacts {
  mission: ReportMissionRow;
  participants: ReportParticipantRow[];
  meetingCounts: ReportMeetingCountRow[];
  b2b: ReportB2bRow;
  meetings: ReportMeetingRow[];
  agreements: ReportAgreementRow[];
  actions: ReportActionRow[];
  survey: ReportSurveyRow | null;
  responses: ReportResponseRow[];
}

@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The mission's facts at the end of `asOf` in `timeZone`; null when there is no such mission. An archived one still reports: its history stays readable. */
  findFacts(missionId: string, asOf: string, timeZone: string): Promise<ReportFacts | null> {
    return readReportFacts((sql, parameters) => this.dataSource.query(sql, parameters), missionId, asOf, timeZone);
  }
}

/**
 * The nine statements of a report, run side by side through `run`, and the facts they make.
 * Apart from the repository so that bench/baseline-server.ts sends exactly the same SQL.
 */
export async function readReportFacts(
  run: (sql: string, parameters: unknown[]) => Promise<unknown[]>,
  missionId: string,
  asOf: string,
  timeZone: string,
): Promise<ReportFacts | null> {
  const parameters = [missionId, asOf, timeZone];
  const query = async <T>(sql: string): Promise<T[]> => (await run(sql, parameters)) as T[];
  const [missions, participants, meetingCounts, b2b, meetings, agreements, actions, surveys, responses] = await Promise.all([
    query<ReportMissionRow>(MISSION),
    query<ReportParticipantRow>(PARTICIPANTS),
    query<ReportMeetingCountRow>(MEETING_COUNTS),
    query<ReportB2bRow>(B2B),
    query<ReportMeetingRow>(MEETINGS),
    query<ReportAgreementRow>(AGREEMENTS),
    query<ReportActionRow>(ACTIONS),
    query<ReportSurveyRow>(SURVEY),
    query<ReportResponseRow>(RESPONSES),
  ]);
  if (!missions[0]) return null;
  return {
    mission: missions[0],
    participants,
    meetingCounts,
    b2b: b2b[0] ?? { companies: 0, counterparts: 0, byDay: [] },
    meetings,
    agreements,
    actions,
    survey: surveys[0] ?? null,
    responses,
  };
}

// Each statement names $2 and $3 at least once, so that PostgreSQL knows their types.
const MISSION = `
  SELECT m.id, m.code, m.title, m.type, m.host_countries AS "hostCountries", m.cities, m.start_date::text AS "startDate",
      m.end_date::text AS "endDate", m.time_zone AS "timeZone", m.organiser, m.theme, m.focus_sectors AS "focusSectors", m.status,
      l.name AS "leaderName", l.role AS "leaderRole", u.name AS "officerName", p.code AS "previousCode", p.title AS "previousTitle",
      p.start_date::text AS "previousStartDate", p.end_date::text AS "previousEndDate"
    FROM missions m
    LEFT JOIN contacts l ON l.id = m.leader_contact_id
    LEFT JOIN users u ON u.id = m.owner_id
    LEFT JOIN missions p ON p.id = m.previous_mission_id
   WHERE m.id = $1 AND $2::date IS NOT NULL AND $3::text IS NOT NULL`;

const PARTICIPANTS = `
  SELECT x.id, x."organisationId", x.name, x.kind, x.city, x.sectors, x.synthetic, x.delegates,
      (x.score #>> '{}')::int AS score, x.comment #>> '{}' AS comment
    FROM (
      SELECT p.id, p.organisation_id AS "organisationId", o.name, o.kind, o.city, p.sectors, (p.synthetic OR o.synthetic) AS synthetic,
          (SELECT count(*)::int FROM participant_delegates d WHERE d.participant_id = p.id) AS delegates,
          ${fieldAt('participant', 'p.id', 'satisfactionScore', 'p.satisfaction_score')} AS score,
          ${fieldAt('participant', 'p.id', 'satisfactionComment', 'p.satisfaction_comment')} AS comment
        FROM participants p JOIN organisations o ON o.id = p.organisation_id
       WHERE p.mission_id = $1 AND p.created_at < ${CUTOFF}
    ) x
   ORDER BY lower(x.name), x.id`;

const MEETING_COUNTS = `
  SELECT m.kind, count(*)::int AS count, (count(*) FILTER (WHERE m.synthetic))::int AS synthetic
    FROM meetings m
   WHERE m.mission_id = $1 AND (m.archived_at IS NULL OR m.archived_at >= ${CUTOFF}) AND m.starts_at < ${CUTOFF}
   GROUP BY m.kind`;

const B2B = `
  WITH held AS (
    SELECT m.id, (m.starts_at AT TIME ZONE mission.time_zone)::date AS day
      FROM meetings m JOIN missions mission ON mission.id = m.mission_id
     WHERE m.mission_id = $1 AND m.kind = 'b2b' AND (m.archived_at IS NULL OR m.archived_at >= ${CUTOFF}) AND m.starts_at < ${CUTOFF}
  )
  SELECT
    (SELECT count(DISTINCT mo.organisation_id)::int FROM meeting_organisations mo JOIN held ON held.id = mo.meeting_id WHERE mo.side = 'delegation') AS companies,
    (SELECT count(DISTINCT mo.organisation_id)::int FROM meeting_organisations mo JOIN held ON held.id = mo.meeting_id WHERE mo.side = 'counterpart') AS counterparts,
    COALESCE((SELECT json_agg(json_build_object('date', d.day, 'count', d.count) ORDER BY d.day)
                FROM (SELECT day::text AS day, count(*)::int AS count FROM held GROUP BY day) d), '[]') AS "byDay"`;

const MEETINGS = `
  SELECT m.id, m.kind, m.title, m.starts_at AS "startsAt", m.location, m.attendee_count AS "attendeeCount", m.topics, m.summary, m.outcome, m.synthetic,
      COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'side', mo.side) ORDER BY o.name)
                  FROM meeting_organisations mo JOIN organisations o ON o.id = mo.organisation_id WHERE mo.meeting_id = m.id), '[]') AS organisations,
      COALESCE((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'role', c.role, 'side', mc.side) ORDER BY c.name)
                  FROM meeting_contacts mc JOIN contacts c ON c.id = mc.contact_id WHERE mc.meeting_id = m.id), '[]') AS contacts
    FROM meetings m
   WHERE m.mission_id = $1 AND m.kind <> 'b2b' AND (m.archived_at IS NULL OR m.archived_at >= ${CUTOFF}) AND m.starts_at < ${CUTOFF}
   ORDER BY m.starts_at, m.id`;

/**
 * The mission's own agreements, and earlier ones it refers to: signed (or in force) before the
 * mission began, still in force then, with a party the mission met or follows up with.
 */
const AGREEMENTS = `
  WITH mission AS (SELECT id, start_date FROM missions WHERE id = $1),
  dealt_with AS (
    SELECT mo.organisation_id FROM meeting_organisations mo JOIN meetings m ON m.id = mo.meeting_id
     WHERE m.mission_id = $1 AND (m.archived_at IS NULL OR m.archived_at >= ${CUTOFF}) AND m.starts_at < ${CUTOFF}
    UNION
    SELECT ao.organisation_id FROM action_organisations ao JOIN actions a ON a.id = ao.action_id
     WHERE a.mission_id = $1 AND a.created_at < ${CUTOFF}
  )
  SELECT a.id, a.type, a.title, a.signed_on::text AS "signedOn", a.valid_from::text AS "validFrom", a.valid_until::text AS "validUntil",
      CASE WHEN a.signed_on > $2::date THEN 'planned' ELSE ${fieldAt('agreement', 'a.id', 'status', 'a.status')} #>> '{}' END AS status, a.themes, (a.mission_id IS NOT DISTINCT FROM $1) AS "ofMission",
      COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
                  FROM agreement_parties ap JOIN organisations o ON o.id = ap.organisation_id WHERE ap.agreement_id = a.id), '[]') AS parties
    FROM agreements a, mission
   WHERE (a.archived_at IS NULL OR a.archived_at >= ${CUTOFF})
     AND (a.mission_id = mission.id
          OR (a.mission_id IS DISTINCT FROM mission.id
              AND COALESCE(a.signed_on, a.valid_from) < mission.start_date
              AND (a.valid_until IS NULL OR a.valid_until >= mission.start_date)
              AND a.status <> 'terminated'
              AND EXISTS (SELECT 1 FROM agreement_parties ap JOIN dealt_with d ON d.organisation_id = ap.organisation_id WHERE ap.agreement_id = a.id)))
   ORDER BY a.signed_on NULLS LAST, a.valid_from NULLS LAST, a.title, a.id`;

/** An action done after the cutoff with no status change on record (loaded, say) was not done yet then. */
const ACTIONS = `
  SELECT x.id, x.title, x.kind, x."dueFrom", x."dueTo", x."duePrecision", x."dueLabel", x."ownerId", x."ownerName",
      x.status #>> '{}' AS status, CASE WHEN x.status #>> '{}' = 'done' THEN x."completedAt" END AS "completedAt"
    FROM (
      SELECT a.id, a.title, a.kind, a.due_from::text AS "dueFrom", a.due_to::text AS "dueTo", a.due_precision AS "duePrecision", a.due_label AS "dueLabel",
          a.owner_id AS "ownerId", u.name AS "ownerName", a.due_to AS sort_due,
          CASE WHEN a.completed_at < ${CUTOFF} THEN a.completed_at END AS "completedAt",
          ${fieldAt('action', 'a.id', 'status', `CASE WHEN a.status = 'done' AND a.completed_at >= ${CUTOFF} THEN 'open' ELSE a.status::text END`)} AS status
        FROM actions a LEFT JOIN users u ON u.id = a.owner_id
       WHERE a.mission_id = $1 AND a.created_at < ${CUTOFF} AND (a.archived_at IS NULL OR a.archived_at >= ${CUTOFF})
    ) x
   ORDER BY x.sort_due NULLS LAST, x.title, x.id`;

const SURVEY = `
  SELECT s.closes_on::text AS "closesOn", s.closes_at AS "closesAt",
      (SELECT count(DISTINCT i.participant_id)::int FROM survey_invitations i WHERE i.survey_id = s.id AND i.created_at < ${CUTOFF}) AS invited
    FROM surveys s
   WHERE s.mission_id = $1 AND s.created_at < ${CUTOFF}`;

/** Each participant's latest answer received by the cutoff and before the survey closed. */
const RESPONSES = `
  SELECT DISTINCT ON (r.participant_id) r.participant_id AS "participantId", r.score, r.comment, r.would_join_again AS "wouldJoinAgain",
      r.b2b_useful AS "b2bUseful", r.received_at AS "receivedAt"
    FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
   WHERE s.mission_id = $1 AND r.received_at < ${CUTOFF} AND r.received_at < s.closes_at
   ORDER BY r.participant_id, r.received_at DESC`;
