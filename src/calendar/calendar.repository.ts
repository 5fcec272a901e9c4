import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVE_ACTION_STATUSES } from '../actions/action.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';

export interface FeedAction {
  id: string;
  title: string;
  status: string;
  dueFrom: string;
  dueTo: string;
  dueLabel: string | null;
  version: number;
  updatedAt: Date;
  missionCode: string;
  missionTitle: string;
}

export interface FeedMission {
  id: string;
  code: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  version: number;
  updatedAt: Date;
}

/** The open actions a user owns or watches, with a due window, on missions that are not archived. */
const FEED_ACTIONS = `
  FROM actions a JOIN missions m ON m.id = a.mission_id AND m.archived_at IS NULL
  WHERE a.archived_at IS NULL AND a.status = ANY($2::action_status[]) AND a.due_from IS NOT NULL AND a.due_to IS NOT NULL
    AND (a.owner_id = $1 OR EXISTS (SELECT 1 FROM action_watchers w WHERE w.action_id = a.id AND w.user_id = $1))`;
const FEED_MISSIONS = `FROM missions m WHERE m.owner_id = $1 AND m.archived_at IS NULL`;

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Replaces the user's feed (if any) by one with this token: the old URL stops working at once. */
  async replaceFeed(userId: string, tokenHash: string): Promise<CalendarFeed> {
    return this.dataSource.transaction(async (manager) => {
      await manager.delete(CalendarFeed, { userId });
      return manager.save(CalendarFeed, manager.create(CalendarFeed, { userId, tokenHash }));
    });
  }

  async deleteFeed(userId: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(CalendarFeed, { userId });
    return (result.affected ?? 0) > 0;
  }

  /** The user a feed token belongs to, if they are not archived. */
  async findUserIdByTokenHash(tokenHash: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.archived_at IS NULL WHERE f.token_hash = $1`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * A digest of everything the feed shows (ids and versions of its actions, their missions and
   * the user's missions): equal digests, equal feeds; one indexed query, no rows sent.
   */
  async fingerprint(userId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ digest: string }[]>(
      `SELECT md5(
         coalesce((SELECT string_agg(a.id || ':' || a.version || ':' || m.version, ',' ORDER BY a.id) ${FEED_ACTIONS}), '') || '|' ||
         coalesce((SELECT string_agg(m.id || ':' || m.version, ',' ORDER BY m.id) ${FEED_MISSIONS}), '')
       ) AS digest`,
      [userId, ACTIVE_ACTION_STATUSES],
    );
    return row.digest;
  }

  findActions(userId: string): Promise<FeedAction[]> {
    return this.dataSource.query<FeedAction[]>(
      `SELECT a.id, a.title, a.status, to_char(a.due_from, 'YYYY-MM-DD') AS "dueFrom", to_char(a.due_to, 'YYYY-MM-DD') AS "dueTo", a.due_label AS "dueLabel",
              a.version, a.updated_at AS "updatedAt", m.code AS "missionCode", m.title AS "missionTitle"
       ${FEED_ACTIONS} ORDER BY a.due_from, a.id`,
      [userId, ACTIVE_ACTION_STATUSES],
    );
  }

  findMissions(userId: string): Promise<FeedMission[]> {
    return this.dataSource.query<FeedMission[]>(
      `SELECT m.id, m.code, m.title, m.status, to_char(m.start_date, 'YYYY-MM-DD') AS "startDate", to_char(m.end_date, 'YYYY-MM-DD') AS "endDate",
              m.version, m.updated_at AS "updatedAt"
       ${FEED_MISSIONS} ORDER BY m.start_date, m.id`,
      [userId],
    );
  }
}
