import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { MeetingOrganisation } from '../meetings/meeting-party.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';

/** Writes with more rows than this go to the database in several statements: TypeORM's work per statement grows faster than its rows. */
const SAVE_CHUNK = 500;

/**
 * The reads an import matches its rows against, and its writes: always through the entity
 * manager of the import's one transaction, so that everything it writes is audited (as the
 * importing user) and a failure leaves nothing behind.
 */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findMission(id: string, manager: EntityManager): Promise<Mission | null> {
    return manager.findOneBy(Mission, { id });
  }

  /** Every organisation that is not archived: names are matched without accents, which no index serves. */
  findOrganisations(manager: EntityManager): Promise<Organisation[]> {
    return manager.find(Organisation);
  }

  findContactsByEmail(emails: readonly string[], manager: EntityManager): Promise<Contact[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(Contact, 'c')
      .where('lower(c.email) IN (:...emails)', { emails: [...new Set(emails)] })
      .getMany();
  }

  findContactsOfOrganisations(organisationIds: readonly string[], manager: EntityManager): Promise<Contact[]> {
    if (organisationIds.length === 0) return Promise.resolve([]);
    return manager.find(Contact, { where: { organisationId: In([...new Set(organisationIds)]) } });
  }

  findParticipants(missionId: string, manager: EntityManager): Promise<Participant[]> {
    return manager.find(Participant, { where: { missionId } });
  }

  findMeetings(missionId: string, manager: EntityManager): Promise<Meeting[]> {
    return manager.find(Meeting, { where: { missionId } });
  }

  findMeetingOrganisations(meetingIds: readonly string[], manager: EntityManager): Promise<MeetingOrganisation[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return manager.find(MeetingOrganisation, { where: { meetingId: In([...meetingIds]) } });
  }

  async saveAll<T extends object>(entity: new () => T, rows: T[], manager: EntityManager): Promise<void> {
    if (rows.length > 0) await manager.save(entity, rows, { chunk: SAVE_CHUNK });
  }
}
