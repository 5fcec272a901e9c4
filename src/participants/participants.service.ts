import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
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
import { isDuplicateOrganisation, ParticipantsRepository } from './participants.repository.js';
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
    const saved = await this.participants.transaction(async (tx) => {
      await this.assertMissionExists(missionId, tx);
      await this.assertReferences(tx, { ...input, delegateContactIds });
      await this.assertOrganisationFree(tx, missionId, input.organisationId);
      const participant = this.participants.create({ ...input, missionId, sectors: input.sectors ?? [], delegates: asContacts(delegateContactIds ?? []) });
      const { id } = await this.saveUnique(participant, tx);
      // Read back so that the delegate ids are the stored ones.
      return this.findOnMission(missionId, id, tx);
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
    const saved = await this.participants.transaction(async (tx) => {
      await this.assertMissionExists(missionId, tx);
      await this.findOnMission(missionId, id, tx);
      const participant = await this.participants.lockForChange(tx, id, version);
      await this.assertReferences(tx, { ...changes, delegateContactIds });
      if (changes.organisationId) await this.assertOrganisationFree(tx, missionId, changes.organisationId, id);
      Object.assign(participant, changes);
      if (delegateContactIds && !sameIds(participant.delegateContactIds, delegateContactIds)) {
        participant.delegates = asContacts(delegateContactIds);
        // The delegates live in a join table, which TypeORM does not count as a change of the row; the version must still move.
        participant.version += 1;
      }
      await this.saveUnique(participant, tx);
      return this.findOnMission(missionId, id, tx);
    });
    return mapParticipant(saved);
  }

  /** Taking an organisation off a delegation deletes it for good: nothing else refers to a participant. */
  async remove(missionId: string, id: string): Promise<void> {
    await this.participants.transaction(async (tx) => {
      await this.assertMissionExists(missionId, tx);
      const participant = await this.findOnMission(missionId, id, tx);
      await this.participants.delete(participant, tx);
    });
  }

  private async assertMissionExists(missionId: string, tx?: Transaction): Promise<void> {
    if (!(await this.missions.findById(missionId, tx))) throw new NotFoundError('mission', missionId);
  }

  private async findOnMission(missionId: string, id: string, tx?: Transaction): Promise<Participant> {
    const participant = await this.participants.findOnMission(missionId, id, tx);
    if (!participant) throw new NotFoundError('participant', id);
    return participant;
  }

  private async assertReferences(tx: Transaction, input: Partial<ParticipantCreateDto>): Promise<void> {
    await this.organisations.assertExist(tx, input.organisationId, 'organisationId');
    await this.contacts.assertExist(tx, input.delegateContactIds, 'delegateContactIds');
  }

  private async assertOrganisationFree(tx: Transaction, missionId: string, organisationId: string, exceptId?: string): Promise<void> {
    if (await this.participants.organisationOnMission(missionId, organisationId, exceptId, tx)) throw alreadyOnMission(organisationId);
  }

  /** Two requests adding the same organisation can both pass the check; the unique constraint decides. */
  private async saveUnique(participant: Participant, tx: Transaction): Promise<Participant> {
    try {
      return await this.participants.save(participant, tx);
    } catch (error) {
      if (isDuplicateOrganisation(error)) throw alreadyOnMission(participant.organisationId);
      throw error;
    }
  }
}

function alreadyOnMission(organisationId: string): ConflictError {
  return new ConflictError(`organisation ${organisationId} is already on this mission's delegation`, [
    { field: 'organisationId', message: 'already on this mission' },
  ]);
}
