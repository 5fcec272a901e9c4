import { Injectable, type StreamableFile } from '@nestjs/common';
import { NotFoundError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { CONTACT_SORT_FIELDS, type ContactCreateDto, ContactResponseDto, type ContactSearchDto, type ContactUpdateDto, mapContact } from './contacts.dto.js';
import { ContactsRepository } from './contacts.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';

@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create(input: ContactCreateDto): Promise<ContactResponseDto> {
    const saved = await this.contacts.transaction(async (tx) => {
      await this.organisations.assertExist(tx, input.organisationId, 'organisationId');
      return this.contacts.save(this.contacts.create(input), tx);
    });
    return mapContact(saved);
  }

  async get(id: string): Promise<ContactResponseDto> {
    const contact = await this.contacts.findById(id, undefined, true);
    if (!contact) throw new NotFoundError('contact', id);
    return mapContact(contact);
  }

  async search(query: ContactSearchDto): Promise<Page<ContactResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.contacts.search({ ...query, sort });
    return { items: rows.map(mapContact), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every contact the filters match, as CSV or .xlsx. */
  exportList(query: ContactSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'contacts',
      dto: ContactResponseDto,
      query: this.contacts.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: (rows) => rows.map(mapContact),
    });
  }

  private sortOf(query: ContactSearchDto) {
    return parseSort(query.sort, CONTACT_SORT_FIELDS, [{ field: 'name', direction: 'ASC' }]);
  }

  async update(id: string, { version, ...changes }: ContactUpdateDto): Promise<ContactResponseDto> {
    const saved = await this.contacts.transaction(async (tx) => {
      const contact = await this.contacts.lockForChange(tx, id, version);
      await this.organisations.assertExist(tx, changes.organisationId, 'organisationId');
      return this.contacts.save(Object.assign(contact, changes), tx);
    });
    return mapContact(saved);
  }

  async archive(id: string): Promise<void> {
    await this.contacts.transaction(async (tx) => {
      await this.contacts.lockForChange(tx, id);
      await this.contacts.archive(id, tx);
    });
  }

  async restore(id: string): Promise<ContactResponseDto> {
    const restored = await this.contacts.transaction(async (tx) => {
      const contact = await this.contacts.lockForRestore(tx, id);
      if (contact.archivedAt === null) return contact;
      await this.contacts.restore(id, tx);
      return (await this.contacts.findById(id, tx))!;
    });
    return mapContact(restored);
  }
}
