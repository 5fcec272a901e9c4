import { Injectable, type StreamableFile } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import {
  mapOrganisation,
  ORGANISATION_SORT_FIELDS,
  type OrganisationCreateDto,
  OrganisationResponseDto,
  type OrganisationSearchDto,
  type OrganisationUpdateDto,
} from './organisations.dto.js';
import { OrganisationsRepository } from './organisations.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create(input: OrganisationCreateDto): Promise<OrganisationResponseDto> {
    await this.assertEnterpriseNumberFree(input.enterpriseNumber);
    const organisation = this.organisations.create({ ...input, sectors: input.sectors ?? [] });
    return mapOrganisation(await this.organisations.save(organisation));
  }

  async get(id: string): Promise<OrganisationResponseDto> {
    const organisation = await this.organisations.findById(id, undefined, true);
    if (!organisation) throw new NotFoundError('organisation', id);
    return mapOrganisation(organisation);
  }

  async search(query: OrganisationSearchDto): Promise<Page<OrganisationResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.organisations.search({ ...query, sort });
    return { items: rows.map(mapOrganisation), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every organisation the filters match, as CSV or .xlsx. */
  exportList(query: OrganisationSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'organisations',
      dto: OrganisationResponseDto,
      query: this.organisations.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: (rows) => rows.map(mapOrganisation),
    });
  }

  private sortOf(query: OrganisationSearchDto) {
    return parseSort(query.sort, ORGANISATION_SORT_FIELDS, [{ field: 'name', direction: 'ASC' }]);
  }

  async update(id: string, { version, ...changes }: OrganisationUpdateDto): Promise<OrganisationResponseDto> {
    await this.assertEnterpriseNumberFree(changes.enterpriseNumber, id);
    const saved = await this.organisations.transaction(async (tx) => {
      const organisation = await this.organisations.lockForChange(tx, id, version);
      return this.organisations.save(Object.assign(organisation, changes), tx);
    });
    return mapOrganisation(saved);
  }

  async archive(id: string): Promise<void> {
    await this.organisations.transaction(async (tx) => {
      await this.organisations.lockForChange(tx, id);
      await this.organisations.archive(id, tx);
    });
  }

  /** Back into lists and search; its enterprise number must still be free. */
  async restore(id: string): Promise<OrganisationResponseDto> {
    const restored = await this.organisations.transaction(async (tx) => {
      const organisation = await this.organisations.lockForRestore(tx, id);
      if (organisation.archivedAt === null) return organisation;
      await this.assertEnterpriseNumberFree(organisation.enterpriseNumber, id);
      await this.organisations.restore(id, tx);
      return (await this.organisations.findById(id, tx))!;
    });
    return mapOrganisation(restored);
  }

  private async assertEnterpriseNumberFree(enterpriseNumber: string | null | undefined, exceptId?: string): Promise<void> {
    if (enterpriseNumber && (await this.organisations.enterpriseNumberTaken(enterpriseNumber, exceptId))) {
      throw new ConflictError(`another organisation already has enterprise number ${enterpriseNumber}`, [
        { field: 'enterpriseNumber', message: 'already used by another organisation' },
      ]);
    }
  }
}
