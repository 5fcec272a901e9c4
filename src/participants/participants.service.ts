import { Injectable, type StreamableFile } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { ContactsRepository } from '../contacts/contacts.repository.js';
import { MissionsRepository } from '../missions/missions.repository.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Participant } from './participant.entity.js';
import {
  mapParticipant,
  PARTICIPANT_SORT_FIELDS,
  type ParticipantCreateDto,
  ParticipantResponseDto,
  type ParticipantSearchDto,
  type ParticipantUpdateDto,
} from './participants.dto.js';
import { ParticipantsRepository } from './participants.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

/** Delegates by id: TypeORM writes the join table rows from these without loading the contacts. */
const asContacts = (ids: readonly string[]): Participant['delegates'] => ids.map((id) => ({ id }) as NonNullable<Participant['delegates']>[number]);

const sameIds = (left: readonly string[], right: readonly string[]): boolean =>
  left.length === right.length && [...left].sort().join() === [...right].sort().join();

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly participants: ParticipantsRepository,
    private readonly missions: MissionsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly contacts: ContactsRepository,
    private readonly exporter: ListExporter,
  ) {}

  async add(missionId: string, { delegateContactIds, ...input }: ParticipantCreateDto): Promise<ParticipantResponseDto> {
    const saved = await this.participants.transaction(async (manager) => {
      await this.assertMissionExists(missionId, manager);
      await this.assertReferences(manager, { ...input, delegateContactIds });
      await this.assertOrganisationFree(manager, missionId, input.organisationId);
      const participant = this.participants.create({ ...input, missionId, sectors: input.sectors ?? [], delegates: asContacts(delegateContactIds ?? []) });
      const { id } = await this.saveUnique(participant, manager);
      // Read back so that the delegate ids are the stored ones.
      return this.findOnMission(missionId, id, manager);
    });
    return mapParticipant(saved);
  }

  async get(missionId: string, id: string): Promise<ParticipantResponseDto> {
    await this.assertMissionExists(missionId);
    return mapParticipant(await this.findOnMission(missionId, id));
  }

  async search(missionId: string, query: ParticipantSearchDto): Promise<Page<ParticipantResponseDto>> {
    await this.assertMissionExists(missionId);
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.participants.search({ ...query, missionId, sort });
    return { items: rows.map(mapParticipant), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** The whole delegation the filters match, as CSV or .xlsx. */
  async exportList(missionId: string, query: ParticipantSearchDto, format: ExportFormat): Promise<StreamableFile> {
    await this.assertMissionExists(missionId);
    return this.exporter.file(format, {
      name: 'participants',
      dto: ParticipantResponseDto,
      query: this.participants.listQuery({ ...query, missionId, sort: this.sortOf(query) }),
      toRows: async (rows) => (await this.participants.withIdLists(rows)).map(mapParticipant),
    });
  }

  private sortOf(query: ParticipantSearchDto) {
    return parseSort(query.sort, PARTICIPANT_SORT_FIELDS, [{ field: 'createdAt', direction: 'ASC' }]);
  }

  async update(missionId: string, id: string, { version, delegateContactIds, ...changes }: ParticipantUpdateDto): Promise<ParticipantResponseDto> {
    const saved = await this.participants.transaction(async (manager) => {
      await this.assertMissionExists(missionId, manager);
      await this.findOnMission(missionId, id, manager);
      const participant = await this.participants.lockForChange(manager, id, version);
      await this.assertReferences(manager, { ...changes, delegateContactIds });
      if (changes.organisationId) await this.assertOrganisationFree(manager, missionId, changes.organisationId, id);
      Object.assign(participant, changes);
      if (delegateContactIds && !sameIds(participant.delegateContactIds, delegateContactIds)) {
        participant.delegates = asContacts(delegateContactIds);
        // The delegates live in a join table, which TypeORM does not count as a change of the row; the version must still move.
        participant.version += 1;
      }
      await this.saveUnique(participant, manager);
      return this.findOnMission(missionId, id, manager);
    });
    return mapParticipant(saved);
  }

  /** Taking an organisation off a delegation deletes it for good: nothing else refers to a participant. */
  async remove(missionId: string, id: string): Promise<void> {
    await this.participants.transaction(async (manager) => {
      await this.assertMissionExists(missionId, manager);
      const participant = await this.findOnMission(missionId, id, manager);
      await this.participants.delete(participant, manager);
    });
  }

  private async assertMissionExists(missionId: string, manager?: EntityManager): Promise<void> {
    if (!(await this.missions.findById(missionId, manager))) throw new NotFoundError('mission', missionId);
  }

  private async findOnMission(missionId: string, id: string, manager?: EntityManager): Promise<Participant> {
    const participant = await this.participants.findOnMission(missionId, id, manager);
    if (!participant) throw new NotFoundError('participant', id);
    return participant;
  }

  private async assertReferences(manager: EntityManager, input: Partial<ParticipantCreateDto>): Promise<void> {
    await this.organisations.assertExist(manager, input.organisationId, 'organisationId');
    await this.contacts.assertExist(manager, input.delegateContactIds, 'delegateContactIds');
  }

  private async assertOrganisationFree(manager: EntityManager, missionId: string, organisationId: string, exceptId?: string): Promise<void> {
    if (await this.participants.organisationOnMission(missionId, organisationId, exceptId, manager)) throw alreadyOnMission(organisationId);
  }

  /** Two requests adding the same organisation can both pass the check; the unique constraint decides. */
  private async saveUnique(participant: Participant, manager: EntityManager): Promise<Participant> {
    try {
      return await this.participants.save(participant, manager);
    } catch (error) {
      const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
      if (constraint === 'uq_participants_mission_organisation') throw alreadyOnMission(participant.organisationId);
      throw error;
    }
  }
}

function alreadyOnMission(organisationId: string): ConflictError {
  return new ConflictError(`organisation ${organisationId} is already on this mission's delegation`, [
    { field: 'organisationId', message: 'already on this mission' },
  ]);
}
