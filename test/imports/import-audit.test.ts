import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

interface Entry {
  action: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}

/** A valid mod-97 enterprise number (synthetic). */
const NUMBER = '0456789034';

/**
 * An import writes its records in bulk, not through the entity manager one by one: its audit
 * trail must still be exactly what creating the same records through the API writes.
 */
describe('the audit trail of an import', () => {
  let api: TestApp;

  async function csv(path: string, text: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${api.baseUrl}/api/v1/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'text/csv' },
      body: text,
    });
    return { status: response.status, body: await response.json() };
  }

  const entriesOf = async (entityId: string): Promise<Entry[]> => (await api.get(`audit?entityId=${entityId}&sort=occurredAt`)).body.items;

  /** The entries of a record with other records' ids replaced by what they stand for, so that two records can be compared. */
  async function trail(entityId: string, names: Map<string, string>): Promise<unknown[]> {
    const rename = (value: unknown): unknown =>
      typeof value === 'string' ? (names.get(value) ?? value) : Array.isArray(value) ? value.map(rename).sort() : value;
    return (await entriesOf(entityId)).map((entry) => ({
      action: entry.action,
      entity: entry.entity,
      actorId: entry.actorId,
      changes: Object.fromEntries(
        Object.entries(entry.changes).map(([field, change]) => [
          field,
          Object.fromEntries(Object.entries(change).map(([side, value]) => [side, rename(value)])),
        ]),
      ),
    }));
  }

  beforeAll(async () => {
    api = await startTestApp();
  }, 60_000);

  afterAll(() => api.close());

  it('a delegation: organisations, contacts and participants as their API creates them, as the importing user', async () => {
    const imported = (await api.create<{ id: string }>('missions', VIETNAM_2023)).id;
    const typed = (await api.create<{ id: string }>('missions', { ...VIETNAM_2023, code: 'VN-2023-B' })).id;
    const response = await csv(
      `imports/participants?missionId=${imported}`,
      'company,enterprise number,country,city,contact name,email,phone,role,objectives,sectors\n' +
        `NXTPORT International,${NUMBER},BE,Antwerpen,Jan Peeters,jan@nxtport.example,+32 3 555 01 01,CEO,Port community systems,logistics;data\n` +
        `NXTPORT International,${NUMBER},BE,Antwerpen,Lien Maes,lien@nxtport.example,,,Port community systems,logistics;data\n`,
    );
    expect(response.status).toBe(200);
    expect(response.body.totals).toMatchObject({ created: 2, error: 0 });

    // The same records typed in through the API.
    const organisation = await api.create<{ id: string }>('organisations', {
      name: 'NXTPORT Twin',
      country: 'BE',
      kind: 'company',
      enterpriseNumber: '0123456749',
      city: 'Antwerpen',
    });
    const jan = await api.create<{ id: string }>('contacts', {
      organisationId: organisation.id,
      name: 'Jan Twin',
      email: 'jan@twin.example',
      phone: '+32 3 555 01 01',
      role: 'CEO',
    });
    const lien = await api.create<{ id: string }>('contacts', { organisationId: organisation.id, name: 'Lien Twin', email: 'lien@twin.example' });
    const participant = await api.create<{ id: string }>(`missions/${typed}/participants`, {
      organisationId: organisation.id,
      delegateContactIds: [jan.id, lien.id],
      sectors: ['logistics', 'data'],
      objectives: 'Port community systems',
    });

    const [importedParticipant] = (await api.get(`missions/${imported}/participants`)).body.items;
    const importedContacts = (await api.get(`contacts?organisationId=${importedParticipant.organisationId}&sort=name`)).body.items;
    const names = new Map([
      [imported, 'mission'],
      [typed, 'mission'],
      [importedParticipant.organisationId, 'organisation'],
      [organisation.id, 'organisation'],
      [importedContacts[0].id, 'jan'],
      [jan.id, 'jan'],
      [importedContacts[1].id, 'lien'],
      [lien.id, 'lien'],
    ]);
    const typedTrail = await trail(participant.id, names);
    expect(typedTrail).toEqual([expect.objectContaining({ action: 'create', actorId: api.admin.id })]);
    expect(await trail(importedParticipant.id, names)).toEqual(typedTrail);

    const rename = (entries: unknown[], from: string, to: string): unknown => JSON.parse(JSON.stringify(entries).replaceAll(from, to));
    const typedOrganisation = rename(await trail(organisation.id, names), 'NXTPORT Twin', 'NXTPORT International');
    expect(rename(await trail(importedParticipant.organisationId, names), NUMBER, '0123456749')).toEqual(typedOrganisation);
    const typedJan = rename(await trail(jan.id, names), 'Jan Twin', 'Jan Peeters');
    expect(rename(await trail(importedContacts[0].id, names), 'nxtport', 'twin')).toEqual(typedJan);
    const typedLien = rename(await trail(lien.id, names), 'Lien Twin', 'Lien Maes');
    expect(rename(await trail(importedContacts[1].id, names), 'nxtport', 'twin')).toEqual(typedLien);
  });

  it('a B2B plan: meetings and new counterparts as their API creates them', async () => {
    const missionId = (await api.create<{ id: string }>('missions', { ...VIETNAM_2023, code: 'VN-2023-C' })).id;
    expect((await csv(`imports/participants?missionId=${missionId}`, 'company,country\nMonument,BE\n')).status).toBe(200);
    const response = await csv(
      `imports/meetings?missionId=${missionId}`,
      'date,start,end,company,counterpart,counterpart country,location,topics\n12/09/2023,09:00,09:30,Monument,Vinamarine,VN,Hà Nội,ports;data\n',
    );
    expect(response.status).toBe(200);
    expect(response.body.totals).toMatchObject({ created: 1, error: 0 });
    const [meeting] = (await api.get(`meetings?missionId=${missionId}`)).body.items;
    const vinamarine = (await api.get('organisations?q=Vinamarine')).body.items[0];

    const twin = await api.create<{ id: string }>('organisations', { name: 'Vinamarine Twin', country: 'VN', kind: 'company' });
    const typed = await api.create<{ id: string }>('meetings', {
      missionId,
      kind: 'b2b',
      title: 'Monument – Vinamarine',
      startsAt: '2023-09-12T02:00:00.000Z',
      endsAt: '2023-09-12T02:30:00.000Z',
      location: 'Hà Nội',
      topics: ['ports', 'data'],
      organisationIds: [meeting.organisationIds[0]],
      counterpartOrganisationIds: [twin.id],
    });
    const names = new Map([
      [vinamarine.id, 'vinamarine'],
      [twin.id, 'vinamarine'],
    ]);
    const typedTrail = JSON.parse(JSON.stringify(await trail(typed.id, names)).replaceAll('Vinamarine Twin', 'Vinamarine'));
    expect(typedTrail).toEqual([expect.objectContaining({ action: 'create', actorId: api.admin.id })]);
    expect(await trail(meeting.id, names)).toEqual(typedTrail);
    expect(await trail(vinamarine.id, names)).toEqual(JSON.parse(JSON.stringify(await trail(twin.id, names)).replaceAll('Vinamarine Twin', 'Vinamarine')));
  });
});
