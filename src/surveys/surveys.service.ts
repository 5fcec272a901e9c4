import { Injectable } from '@nestjs/common';
import { sha256 } from '../auth/token-secrets.js';
import { Clock } from '../common/clock.service.js';
import { ConflictError, DomainError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { Environment } from '../config/environment.js';
import { MissionsRepository } from '../missions/missions.repository.js';
import { ParticipantsRepository } from '../participants/participants.repository.js';
import { ReminderQueue } from '../reminders/reminder-queue.service.js';
import { addDays, atLocalTime } from '../reminders/working-time.js';
import {
  DEFAULT_REMINDER_DAYS_BEFORE,
  type SurveyAnswerDto,
  type SurveyAnswerResponseDto,
  type SurveyFormDto,
  type SurveyMessageCountsDto,
  type SurveyOpenDto,
  type SurveyProgressDto,
  surveyQuestions,
} from './surveys.dto.js';
import { type SurveyLinkRow, SurveysRepository } from './surveys.repository.js';

/** Survey e-mails go out at this hour of the agency's day. */
const REMINDER_HOUR = 9;
/** What a personal link looks like: 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** An unknown link and a malformed one read the same: a link tells nothing about other links. */
const unknownLink = (): DomainError => new DomainError('not_found', 'This survey link is not known; use the link from your invitation e-mail');

@Injectable()
export class SurveysService {
  constructor(
    private readonly surveys: SurveysRepository,
    private readonly missions: MissionsRepository,
    private readonly participants: ParticipantsRepository,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  /** Opens the mission's survey: an invitation to every delegate with an e-mail address, and one reminder before closing. */
  async open(missionId: string, input: SurveyOpenDto): Promise<SurveyProgressDto> {
    if (!(await this.missions.exists(missionId))) throw new NotFoundError('mission', missionId);
    const timeZone = this.environment.DEFAULT_TIME_ZONE;
    const now = this.clock.now();
    const today = this.clock.today(timeZone);
    if (input.closesOn < today) {
      throw new ValidationFailedError([{ field: 'closesOn', message: `closesOn must be today (${today}) or later` }]);
    }
    const reminderDaysBefore = input.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE;
    const closesAt = atLocalTime(addDays(input.closesOn, 1), 0, timeZone);
    const reminder = atLocalTime(addDays(input.closesOn, -reminderDaysBefore), REMINDER_HOUR, timeZone);
    const messages = await this.surveys.transaction((tx) =>
      this.surveys.open(tx, { missionId, closesOn: input.closesOn, closesAt, reminderDaysBefore, reminderAt: reminder > now ? reminder : null, now }),
    );
    if (messages === null) throw new ConflictError(`mission ${missionId} already has a survey`, [{ field: 'missionId', message: 'already has a survey' }]);
    await this.queue.wakeSurveyMessages(messages);
    return this.progress(missionId);
  }

  async progress(missionId: string): Promise<SurveyProgressDto> {
    const row = await this.surveys.findProgress(missionId);
    if (!row) {
      if (!(await this.missions.exists(missionId))) throw new NotFoundError('mission', missionId);
      throw new DomainError('not_found', `mission ${missionId} has no survey; open one with POST /missions/${missionId}/survey`);
    }
    const counts = (kind: 'invitation' | 'reminder'): SurveyMessageCountsDto => {
      const of = (status: string) => row.messages.filter((m) => m.kind === kind && m.status === status).reduce((sum, m) => sum + m.count, 0);
      return { planned: of('planned') + of('sending'), sent: of('sent'), skipped: of('skipped') + of('cancelled'), failed: of('failed') };
    };
    return {
      missionId,
      closesOn: row.closesOn,
      closed: this.clock.now() >= new Date(row.closesAt),
      reminderDaysBefore: row.reminderDaysBefore,
      participants: row.participants,
      invited: row.invited,
      delegatesInvited: row.delegatesInvited,
      withoutAddress: row.participants - row.invited,
      answered: row.answered,
      responseRate: row.invited > 0 ? round2(row.answered / row.invited) : null,
      averageScore: row.averageScore,
      invitations: counts('invitation'),
      reminders: counts('reminder'),
    };
  }

  /** What a personal link shows: the mission, the company, the questions and the answer that counts now. */
  async form(token: string): Promise<SurveyFormDto> {
    const link = await this.openLink(token);
    const answer = await this.surveys.findLatestAnswer(link.surveyId, link.participantId);
    return {
      missionTitle: link.missionTitle,
      missionStartDate: link.missionStartDate,
      missionEndDate: link.missionEndDate,
      organisation: link.organisation,
      contactName: link.contactName,
      language: link.language,
      closesOn: link.closesOn,
      questions: surveyQuestions(link.language),
      answer,
    };
  }

  /** Records an answer; the latest before closing is the participant's satisfaction. */
  async answer(token: string, input: SurveyAnswerDto): Promise<SurveyAnswerResponseDto> {
    const link = await this.openLink(token);
    const answer = {
      score: input.score,
      comment: input.comment?.trim() ? input.comment.trim() : null,
      wouldJoinAgain: input.wouldJoinAgain ?? null,
      b2bUseful: input.b2bUseful ?? null,
      receivedAt: this.clock.now(),
    };
    await this.surveys.transaction(async (tx) => {
      await this.surveys.insertAnswer(tx, { ...answer, surveyId: link.surveyId, participantId: link.participantId, invitationId: link.invitationId });
      await this.participants.recordSatisfaction(tx, link.participantId, answer.score, answer.comment);
    });
    return answer;
  }

  /** The link's invitation while its survey is open; 404 for a link that names nothing, 410 once closed. */
  private async openLink(token: string): Promise<SurveyLinkRow> {
    if (!TOKEN.test(token)) throw unknownLink();
    const link = await this.surveys.findLink(sha256(token));
    if (!link) throw unknownLink();
    if (this.clock.now() >= new Date(link.closesAt)) {
      throw new DomainError('gone', `This survey closed on ${link.closesOn}; answers are no longer taken`);
    }
    return link;
  }
}
