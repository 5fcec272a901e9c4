import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { ContactsRepository } from '../contacts/contacts.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Mission } from './mission.entity.js';
import { mapMission, MISSION_SORT_FIELDS, type MissionCreateDto, MissionResponseDto, type MissionSearchDto, type MissionUpdateDto } from './missions.dto.js';
import { isDuplicateCode, MissionsRepository } from './missions.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

@Injectable()
export class MissionsService {
  constructor(
    private readonly missions: MissionsRepository,
    private readonly contacts: ContactsRepository,
    private readonly users: UsersRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create(input: MissionCreateDto): Promise<MissionResponseDto> {
    const saved = await this.missions.transaction(async (tx) => {
      await this.assertReferences(tx, input);
      await this.assertCodeFree(tx, input.code);
      const mission = this.missions.create({ ...input, cities: input.cities ?? [], focusSectors: input.focusSectors ?? [] });
      return this.saveUnique(mission, tx);
    });
    return mapMission(saved);
  }

  async get(id: string): Promise<MissionResponseDto> {
    return mapMission(await this.findOrFail(id));
  }

  async search(query: MissionSearchDto): Promise<Page<MissionResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.missions.search({ ...query, sort });
    return { items: rows.map(mapMission), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every mission the filters match, as CSV or .xlsx. */
  exportList(query: MissionSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'missions',
      dto: MissionResponseDto,
      query: this.missions.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: (rows) => rows.map(mapMission),
    });
  }

  private sortOf(query: MissionSearchDto) {
    return parseSort(query.sort, MISSION_SORT_FIELDS, [{ field: 'startDate', direction: 'DESC' }]);
  }

  async update(id: string, { version, ...changes }: MissionUpdateDto): Promise<MissionResponseDto> {
    if (changes.previousMissionId === id) {
      throw new ValidationFailedError([{ field: 'previousMissionId', message: 'a mission cannot follow itself' }]);
    }
    const saved = await this.missions.transaction(async (tx) => {
      const mission = await this.missions.lockForChange(tx, id, version);
      // A reference sent back unchanged stays valid even if what it names was archived since.
      await this.assertReferences(tx, {
        leaderContactId: changes.leaderContactId === mission.leaderContactId ? undefined : changes.leaderContactId,
        ownerId: changes.ownerId === mission.ownerId ? undefined : changes.ownerId,
        previousMissionId: changes.previousMissionId === mission.previousMissionId ? undefined : changes.previousMissionId,
      });
      if (
        changes.previousMissionId &&
        changes.previousMissionId !== mission.previousMissionId &&
        (await this.missions.followsFrom(changes.previousMissionId, id, tx))
      ) {
        const message = `mission ${changes.previousMissionId} already follows this mission: missions cannot follow each other in a circle`;
        throw new ValidationFailedError([{ field: 'previousMissionId', message }], message);
      }
      if (changes.code) await this.assertCodeFree(tx, changes.code, id);
      Object.assign(mission, changes);
      // The DTO only compares dates sent together; a PATCH of one of them is checked against the stored other.
      if (mission.startDate && mission.endDate && mission.endDate < mission.startDate) {
        throw new ValidationFailedError([{ field: 'endDate', message: `endDate must not be before startDate (${mission.startDate})` }]);
      }
      return this.saveUnique(mission, tx);
    });
    return mapMission(saved);
  }

  /** Archiving keeps the mission's meetings, agreements and actions: they still tell what it produced. */
  async archive(id: string): Promise<void> {
    await this.missions.transaction(async (tx) => {
      await this.missions.lockForChange(tx, id);
      await this.missions.archive(id, tx);
    });
  }

  /** Back into lists and search; its code must still be free. */
  async restore(id: string): Promise<MissionResponseDto> {
    const restored = await this.missions.transaction(async (tx) => {
      const mission = await this.missions.lockForRestore(tx, id);
      if (mission.archivedAt === null) return mission;
      await this.assertCodeFree(tx, mission.code, id);
      await this.missions.restore(id, tx);
      return (await this.missions.findById(id, tx))!;
    });
    return mapMission(restored);
  }

  private async findOrFail(id: string): Promise<Mission> {
    const mission = await this.missions.findById(id, undefined, true);
    if (!mission) throw new NotFoundError('mission', id);
    return mission;
  }

  private async assertReferences(tx: Transaction, input: Partial<MissionCreateDto>): Promise<void> {
    await this.contacts.assertExist(tx, input.leaderContactId, 'leaderContactId');
    await this.users.assertExist(tx, input.ownerId, 'ownerId');
    await this.missions.assertExist(tx, input.previousMissionId, 'previousMissionId');
  }

  private async assertCodeFree(tx: Transaction, code: string, exceptId?: string): Promise<void> {
    if (await this.missions.codeTaken(code, exceptId, tx)) throw codeTaken(code);
  }

  /** Two requests with the same code can both pass the check; the unique index decides, and the loser gets the same 409. */
  private async saveUnique(mission: Mission, tx: Transaction): Promise<Mission> {
    try {
      return await this.missions.save(mission, tx);
    } catch (error) {
      if (isDuplicateCode(error)) throw codeTaken(mission.code);
      throw error;
    }
  }
}

function codeTaken(code: string): ConflictError {
  return new ConflictError(`another mission already has code ${code}`, [{ field: 'code', message: 'already used by another mission' }]);
}
