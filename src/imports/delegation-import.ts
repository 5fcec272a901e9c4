import type { EntityManager } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { foldText, type MappedRow } from './import-columns.js';
import { cells, OrganisationBook, Planned, RowOutcome } from './import-plan.js';
import type { ImportsRepository } from './imports.repository.js';
import { organisationOfRow } from './organisation-rows.js';

type DelegationKey =
  'company' | 'enterpriseNumber' | 'kind' | 'country' | 'city' | 'website' | 'sectors' | 'contactName' | 'email' | 'phone' | 'role' | 'objectives';

/** The Flemish delegation of a mission is Belgian unless a row says otherwise. */
const DELEGATION_COUNTRY = 'BE';

export interface PlannedImport {
  outcomes: RowOutcome[];
  write(): Promise<void>;
}

/**
 * Organisations, or a mission's delegation: the organisations, their contacts (matched by
 * e-mail, else by name within the organisation) and the participants of the mission, one
 * per organisation however many delegates the file lists.
 */
export async function planDelegation(
  repository: ImportsRepository,
  manager: EntityManager,
  rows: MappedRow<DelegationKey>[],
  headers: Record<string, string | undefined>,
  missionId: string | null,
): Promise<PlannedImport> {
  const book = new OrganisationBook(await repository.findOrganisations(manager));
  const emails = rows.map((row) => row.values.email?.toLowerCase()).filter((email): email is string => email !== undefined);
  const contactsByEmail = new Map<string, Planned<Contact>>();
  for (const contact of await repository.findContactsByEmail(emails, manager))
    contactsByEmail.set(contact.email!.toLowerCase(), new Planned(contact, false, 'contact'));
  const contactsByName = new Map<string, Planned<Contact>>();
  const nameKeyOf = (organisation: Planned<Organisation>, name: string): string => `${organisation.entity.id ?? ''}|${foldText(name)}`;
  const participants = new Map<Planned<Organisation>, { planned: Planned<Participant>; delegates: Set<Planned<Contact>> }>();
  if (missionId) {
    const existing = await repository.findParticipants(missionId, manager);
    for (const participant of existing) {
      const organisation = book.byId.get(participant.organisationId);
      if (organisation) participants.set(organisation, { planned: new Planned(participant, false, 'participant'), delegates: new Set() });
    }
  }
  const knownOrganisationIds = [...book.byId.keys()];
  for (const contact of await repository.findContactsOfOrganisations(knownOrganisationIds, manager)) {
    const organisation = contact.organisationId ? book.byId.get(contact.organisationId) : undefined;
    if (organisation)
      contactsByName.set(
        nameKeyOf(organisation, contact.name),
        contactsByEmail.get(contact.email?.toLowerCase() ?? '') ?? new Planned(contact, false, 'contact'),
      );
  }
  const contactsCreated: { planned: Planned<Contact>; organisation: Planned<Organisation> }[] = [];

  const outcomes = rows.map(({ row, values }) => {
    const outcome = new RowOutcome(row, headers);
    const email = cells.email(outcome, 'email', values.email);
    const contactName = cells.text(outcome, 'contactName', values.contactName, 200);
    const phone = cells.text(outcome, 'phone', values.phone, 50);
    const role = cells.text(outcome, 'role', values.role, 200);
    const objectives = cells.text(outcome, 'objectives', values.objectives, 10_000);
    const organisation = organisationOfRow(book, manager, outcome, values, {
      defaultCountry: missionId ? DELEGATION_COUNTRY : undefined,
      defaultKind: 'company',
      withSectors: !missionId,
    });
    if (!organisation || outcome.errors.length > 0) return outcome;

    let contact: Planned<Contact> | undefined;
    if (email !== undefined || contactName !== undefined) {
      contact =
        (email ? contactsByEmail.get(email.toLowerCase()) : undefined) ?? (contactName ? contactsByName.get(nameKeyOf(organisation, contactName)) : undefined);
      if (!contact) {
        if (!contactName) {
          outcome.fail('contactName', `a new contact (${email}) needs a name`);
          return outcome;
        }
        contact = new Planned(manager.create(Contact, { name: contactName, email: email ?? null, phone: phone ?? null, role: role ?? null }), true, 'contact');
        contactsCreated.push({ planned: contact, organisation });
        outcome.found(contact, true);
      } else {
        outcome.found(contact, false);
        if (contactName !== undefined && foldText(contactName) !== foldText(contact.entity.name)) contact.set('name', contactName, outcome);
        if (email !== undefined && email.toLowerCase() !== contact.entity.email?.toLowerCase()) contact.set('email', email, outcome);
        if (phone !== undefined) contact.set('phone', phone, outcome);
        if (role !== undefined) contact.set('role', role, outcome);
        if (contact.entity.organisationId === null && organisation.entity.id) contact.set('organisationId', organisation.entity.id, outcome);
      }
      if (email) contactsByEmail.set(email.toLowerCase(), contact);
      if (contactName) contactsByName.set(nameKeyOf(organisation, contactName), contact);
    }

    if (!missionId) return outcome;
    let participant = participants.get(organisation);
    if (!participant) {
      const planned = new Planned(
        manager.create(Participant, { missionId, sectors: cells.list(values.sectors) ?? [], objectives: objectives ?? null }),
        true,
        'participant',
      );
      participant = { planned, delegates: new Set() };
      participants.set(organisation, participant);
      outcome.found(planned, true);
    } else {
      outcome.found(participant.planned, false);
      const sectors = cells.list(values.sectors);
      if (sectors !== undefined) participant.planned.set('sectors', sectors, outcome);
      if (objectives !== undefined) participant.planned.set('objectives', objectives, outcome);
    }
    if (contact) {
      const already = contact.entity.id !== undefined && (participant.planned.entity.delegateContactIds ?? []).includes(contact.entity.id);
      if (!already && !participant.delegates.has(contact)) {
        participant.delegates.add(contact);
        if (!participant.planned.isNew) {
          participant.planned.changed = true;
          outcome.touched(participant.planned, 'updated');
        }
      }
    }
    return outcome;
  });

  // New records go in bulk (audited as the importing user, as save() would); changed ones through save(), which compares and audits them.
  const write = async (): Promise<void> => {
    await repository.insertAll(
      Organisation,
      'organisation',
      book.created.map((planned) => planned.entity),
      manager,
    );
    await repository.saveAll(
      Organisation,
      book.changed().map((planned) => planned.entity),
      manager,
    );
    for (const { planned, organisation } of contactsCreated) planned.entity.organisationId = organisation.entity.id;
    await repository.insertAll(
      Contact,
      'contact',
      contactsCreated.map(({ planned }) => planned.entity),
      manager,
    );
    const contactsChanged = new Set([...contactsByEmail.values(), ...contactsByName.values()].filter((planned) => planned.changed));
    await repository.saveAll(
      Contact,
      [...contactsChanged].map((planned) => planned.entity),
      manager,
    );
    const created: Participant[] = [];
    const delegatesOf = new Map<Participant, string[]>();
    const changed: Participant[] = [];
    for (const [organisation, { planned, delegates }] of participants) {
      if (!planned.isNew && !planned.changed) continue;
      planned.entity.organisationId = organisation.entity.id;
      const ids = [...new Set([...(planned.entity.delegateContactIds ?? []), ...[...delegates].map((contact) => contact.entity.id)])];
      if (planned.isNew) {
        created.push(planned.entity);
        delegatesOf.set(planned.entity, ids);
      } else {
        planned.entity.delegates = ids.map((id) => ({ id }) as Contact);
        changed.push(planned.entity);
      }
    }
    await repository.insertAll(Participant, 'participant', created, manager, { delegateContactIds: (participant) => delegatesOf.get(participant)! });
    await repository.insertLinks(
      'participant_delegates',
      { participant_id: 'uuid', contact_id: 'uuid' },
      created.flatMap((participant) => delegatesOf.get(participant)!.map((contactId) => ({ participant_id: participant.id, contact_id: contactId }))),
      manager,
    );
    await repository.saveAll(Participant, changed, manager);
  };
  return { outcomes, write };
}
