import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { MissionsRepository } from '../missions/missions.repository.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Agreement } from './agreement.entity.js';
import {
  AGREEMENT_SORT_FIELDS,
  type AgreementCreateDto,
  AgreementResponseDto,
  type AgreementSearchDto,
  type AgreementUpdateDto,
  mapAgreement,
} from './agreements.dto.js';
import { AgreementsRepository } from './agreements.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

/** Parties by id: TypeORM writes the join table rows from these without loading the organisations. */
const asParties = (ids: readonly string[]): Agreement['parties'] => ids.map((id) => ({ id }) as NonNullable<Agreement['parties']>[number]);

@Injectable()
export class AgreementsService {
  constructor(
    private readonly agreements: AgreementsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly missions: MissionsRepository,
    private readonly meetings: MeetingsRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create({ partyIds, ...fields }: AgreementCreateDto): Promise<AgreementResponseDto> {
    return this.agreements.transaction(async (tx) => {
      await this.assertReferences(tx, { partyIds, ...fields });
      const missionId = await this.missionOf(tx, fields.missionId ?? null, fields.meetingId ?? null);
      const agreement = this.agreements.create({ ...fields, missionId, themes: fields.themes ?? [], parties: asParties(partyIds) });
      const saved = await this.agreements.save(agreement, tx);
      return this.load(saved.id, tx);
    });
  }

  async get(id: string): Promise<AgreementResponseDto> {
    const agreement = await this.agreements.findById(id, undefined, true);
    if (!agreement) throw new NotFoundError('agreement', id);
    return mapAgreement(agreement);
  }

  async search(query: AgreementSearchDto): Promise<Page<AgreementResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.agreements.search({ ...query, sort });
    return { items: rows.map(mapAgreement), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every agreement the filters match, as CSV or .xlsx. */
  exportList(query: AgreementSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'agreements',
      dto: AgreementResponseDto,
      query: this.agreements.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: async (rows) => (await this.agreements.withIdLists(rows)).map(mapAgreement),
    });
  }

  private sortOf(query: AgreementSearchDto) {
    return parseSort(query.sort, AGREEMENT_SORT_FIELDS, [{ field: 'signedOn', direction: 'ASC' }]);
  }

  async update(id: string, { version, partyIds, ...changes }: AgreementUpdateDto): Promise<AgreementResponseDto> {
    return this.agreements.transaction(async (tx) => {
      const agreement = await this.agreements.lockForChange(tx, id, version);
      assertValidityInOrder(pick(changes.validFrom, agreement.validFrom), pick(changes.validUntil, agreement.validUntil));
      // What was archived after signing may be sent back unchanged; only new references must exist.
      await this.assertReferences(tx, {
        partyIds: partyIds?.filter((partyId) => !agreement.partyIds.includes(partyId)),
        missionId: changes.missionId === agreement.missionId ? undefined : changes.missionId,
        meetingId: changes.meetingId === agreement.meetingId ? undefined : changes.meetingId,
      });
      if (changes.missionId !== undefined || changes.meetingId !== undefined) {
        changes.missionId = await this.missionOf(tx, pick(changes.missionId, agreement.missionId), pick(changes.meetingId, agreement.meetingId));
      }

      const partiesChanged = partyIds !== undefined && !sameIds(partyIds, agreement.partyIds);
      if (partyIds !== undefined) agreement.parties = asParties(partyIds);
      const versionBefore = agreement.version;
      const saved = await this.agreements.save(Object.assign(agreement, changes), tx);
      if (partiesChanged && saved.version === versionBefore) await this.agreements.touch(id, tx);
      return this.load(id, tx);
    });
  }

  async archive(id: string): Promise<void> {
    await this.agreements.transaction(async (tx) => {
      await this.agreements.lockForChange(tx, id);
      await this.agreements.archive(id, tx);
    });
  }

  async restore(id: string): Promise<AgreementResponseDto> {
    return this.agreements.transaction(async (tx) => {
      const agreement = await this.agreements.lockForRestore(tx, id);
      if (agreement.archivedAt !== null) {
        await this.agreements.restore(id, tx);
      }
      return this.load(id, tx);
    });
  }

  private async load(id: string, tx: Transaction): Promise<AgreementResponseDto> {
    const agreement = await this.agreements.findById(id, tx);
    if (!agreement) throw new NotFoundError('agreement', id);
    return mapAgreement(agreement);
  }

  private async assertReferences(tx: Transaction, input: Partial<AgreementCreateDto>): Promise<void> {
    await this.organisations.assertExist(tx, input.partyIds, 'partyIds');
    await this.missions.assertExist(tx, input.missionId, 'missionId');
    await this.meetings.assertExist(tx, input.meetingId, 'meetingId');
  }

  /** An agreement signed at a meeting belongs to that meeting's mission; without missionId it is taken from the meeting. */
  private async missionOf(tx: Transaction, missionId: string | null, meetingId: string | null): Promise<string | null> {
    if (!meetingId) return missionId;
    // An archived meeting still belongs to its mission.
    const meetingMissionId = await this.meetings.findMissionId(meetingId, tx, true);
    if (missionId && meetingMissionId && missionId !== meetingMissionId) {
      throw new ValidationFailedError([
        { field: 'meetingId', message: `meeting ${meetingId} belongs to mission ${meetingMissionId}, not to mission ${missionId}` },
      ]);
    }
    return missionId ?? meetingMissionId ?? null;
  }
}

/** A PATCH value when given (null included), otherwise the stored one. */
const pick = <T>(given: T | null | undefined, stored: T | null): T | null => (given === undefined ? stored : given);

const sameIds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

function assertValidityInOrder(validFrom: string | null, validUntil: string | null): void {
  if (validFrom && validUntil && validUntil < validFrom) {
    throw new ValidationFailedError([{ field: 'validUntil', message: 'validUntil must not be before validFrom' }]);
  }
}
