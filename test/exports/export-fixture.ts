import { DataSource } from 'typeorm';
import type { TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * The Vietnam mission of 2023 with `count` follow-ups numbered 1…count (the even ones open, due a
 * day apart from 2 October 2023), beside a 2018 mission with 30 of its own that no filter on the
 * first may let through. The follow-ups are written straight to the table: the API that creates
 * them is tested elsewhere.
 */
export async function missionWithManyActions(api: TestApp, count: number): Promise<{ missionId: string; otherMissionId: string }> {
  const missionId = (await api.create<{ id: string }>('missions', VIETNAM_2023)).id;
  const otherMissionId = (
    await api.create<{ id: string }>('missions', {
      ...VIETNAM_2023,
      code: 'VN-2018',
      title: 'Economic mission to Vietnam 2018',
      startDate: '2018-05-13',
      endDate: '2018-05-18',
    })
  ).id;
  const database = api.app.get(DataSource);
  await database.query(
    `INSERT INTO actions (title, mission_id, status, due_from, due_to, due_precision, due_label)
     SELECT 'Individual follow-up appointment ' || lpad(n::text, length($2::text), '0'), $1,
            CASE WHEN n % 2 = 0 THEN 'open' ELSE 'done' END::action_status, DATE '2023-10-01' + n, DATE '2023-10-01' + n, 'day', NULL
     FROM generate_series(1, $2::int) AS n`,
    [missionId, count],
  );
  await database.query(`INSERT INTO actions (title, mission_id) SELECT 'Follow-up of 2018 ' || n, $1 FROM generate_series(1, 30) AS n`, [otherMissionId]);
  return { missionId, otherMissionId };
}
