import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/** q ignores accents and case on names, titles, cities and e-mail addresses, through an index per table. */
describe('text search without accents', () => {
  let api: TestApp;
  const ids = {} as Record<'port' | 'lan' | 'contact' | 'mission' | 'meeting' | 'agreement' | 'action', string>;

  const found = async (path: string, q: string): Promise<string[]> => {
    const response = await api.get<{ items: { id: string }[] }>(`${path}?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.id);
  };

  beforeAll(async () => {
    api = await startTestApp();
    ids.port = (await api.create('organisations', { name: 'Cảng Hải Phòng', kind: 'company', country: 'VN', city: 'Hải Phòng' })).id;
    await api.create('organisations', { name: 'Monument', kind: 'company', country: 'BE', city: 'Gent' });
    ids.lan = (await api.create('users', { email: 'lan.nguyen@fit.example', name: 'Nguyễn Thị Lan' })).id;
    ids.contact = (await api.create('contacts', { organisationId: ids.port, name: 'Phạm Minh Chính', email: 'Chinh.Pham@Chinhphu.example' })).id;
    ids.mission = (await api.create('missions', { ...VIETNAM_2023, cities: ['Hà Nội', 'Hải Phòng', 'Quảng Ninh', 'Thành phố Hồ Chí Minh'] })).id;
    ids.meeting = (
      await api.create('meetings', {
        missionId: ids.mission,
        kind: 'official',
        title: 'Ủy ban Nhân dân Hải Phòng',
        startsAt: '2023-09-13T14:00:00+07:00',
        counterpartOrganisationIds: [ids.port],
      })
    ).id;
    const other = (await api.create('organisations', { name: 'Đại học Sư phạm TP.HCM', kind: 'university', country: 'VN' })).id;
    ids.agreement = (await api.create('agreements', { type: 'mou', title: 'Biên bản ghi nhớ Đà Nẵng', partyIds: [ids.port, other] })).id;
    ids.action = (await api.create('actions', { title: 'Bezoek aan Hải Phòng voorbereiden', missionId: ids.mission })).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['organisations by name', 'organisations', 'cang hai phong', 'port'],
    ['organisations by city', 'organisations', 'HAI PHONG', 'port'],
    ['users by name', 'users', 'nguyen', 'lan'],
    ['users by e-mail', 'users', 'LAN.NGUYEN@', 'lan'],
    ['contacts by name', 'contacts', 'Pham Minh Chinh', 'contact'],
    ['contacts by e-mail', 'contacts', 'chinhphu', 'contact'],
    ['missions by city', 'missions', 'ho chi minh', 'mission'],
    ['missions by code', 'missions', 'vn-2023', 'mission'],
    ['meetings by title', 'meetings', 'uy ban nhan dan', 'meeting'],
    ['agreements by title', 'agreements', 'da nang', 'agreement'],
    ['actions by title', 'actions', 'hai phong', 'action'],
  ] as const)('finds %s without its accents', async (_what, path, q, key) => {
    expect(await found(path, q)).toEqual([ids[key]]);
  });

  it('finds the accented spelling too, and treats % and _ as themselves', async () => {
    expect(await found('organisations', 'Hải Phòng')).toEqual([ids.port]);
    expect(await found('organisations', 'Hai%Phong')).toEqual([]);
    expect(await found('users', 'lan_nguyen')).toEqual([]);
  });

  it('searches through the trigram index', async () => {
    const dataSource = api.app.get(DataSource);
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await manager.query(
        `EXPLAIN SELECT id FROM organisations o WHERE mcrm_search_text(ARRAY[o.name, o.city]) LIKE mcrm_search_text(ARRAY[$1]::text[])`,
        ['%hai phong%'],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_organisations_search');
  });
});
