import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ical from 'ical-generator';
import { sha256 } from '../auth/token-secrets.js';
import { NotFoundError } from '../common/errors.js';
import { Environment } from '../config/environment.js';
import { CalendarRepository, type FeedAction, type FeedMission } from './calendar.repository.js';

/** A feed URL ends in `<token>.ics`; the token is 32 random bytes, base64url. */
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

export type FeedAnswer = { notModified: true; etag: string } | { notModified: false; etag: string; body: string };

const dayAfter = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000);
const day = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`));

/**
 * The secret calendar feed of a user's follow-ups: open actions they own or watch, as all-day
 * events over their due window, and the missions they are responsible for.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly environment: Environment,
  ) {}

  /** A new secret URL; any earlier one stops working. */
  async rotate(userId: string): Promise<{ url: string; createdAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const feed = await this.calendar.replaceFeed(userId, sha256(token));
    return { url: `${this.publicUrl()}/calendar/${token}.ics`, createdAt: feed.createdAt };
  }

  async revoke(userId: string): Promise<void> {
    if (!(await this.calendar.deleteFeed(userId))) throw new NotFoundError('calendar feed of user', userId);
  }

  /** The feed for a URL's file name; `ifNoneMatch` the ETag a client already holds. */
  async feed(file: string, ifNoneMatch: string | undefined): Promise<FeedAnswer> {
    const token = FEED_FILE.exec(file)?.[1];
    const userId = token ? await this.calendar.findUserIdByTokenHash(sha256(token)) : null;
    // Unknown, rotated and revoked URLs alike: nothing tells them apart.
    if (!userId) throw new NotFoundError('calendar feed', file);
    const etag = `"${await this.calendar.fingerprint(userId)}"`;
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return { notModified: true, etag };
    const [actions, missions] = await Promise.all([this.calendar.findActions(userId), this.calendar.findMissions(userId)]);
    return { notModified: false, etag, body: this.render(actions, missions) };
  }

  private render(actions: FeedAction[], missions: FeedMission[]): string {
    const base = this.publicUrl();
    const host = new URL(base).host;
    const calendar = ical({ name: 'mission-crm follow-ups', prodId: { company: 'mission-crm', product: 'follow-ups', language: 'EN' } });
    for (const action of actions) {
      const url = `${base}/actions/${action.id}`;
      calendar.createEvent({
        id: `action-${action.id}@${host}`,
        sequence: action.version,
        stamp: action.updatedAt,
        allDay: true,
        start: day(action.dueFrom),
        // DTEND of an all-day event is the day after the last one.
        end: dayAfter(action.dueTo),
        summary: action.dueLabel ? `${action.title} (${action.dueLabel})` : action.title,
        description: `Mission: ${action.missionCode} – ${action.missionTitle}\nStatus: ${action.status.replace('_', ' ')}\n${url}`,
        url,
      });
    }
    for (const mission of missions) {
      const url = `${base}/missions/${mission.id}`;
      calendar.createEvent({
        id: `mission-${mission.id}@${host}`,
        sequence: mission.version,
        stamp: mission.updatedAt,
        allDay: true,
        start: day(mission.startDate),
        end: dayAfter(mission.endDate),
        summary: `${mission.code} – ${mission.title}`,
        description: `Mission you are responsible for\nStatus: ${mission.status.replace('_', ' ')}\n${url}`,
        url,
      });
    }
    return calendar.toString();
  }

  private publicUrl(): string {
    return (this.environment.PUBLIC_URL ?? `http://localhost:${this.environment.PORT}`).replace(/\/+$/, '');
  }
}
