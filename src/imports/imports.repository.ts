import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityMetadata, In } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { recordCreations } from '../audit/audit.recorder.js';
import type { AuditedResource } from '../audit/audited.js';
import { loadIdLists } from '../database/id-lists.js';
import { Contact } from '../contacts/contact.entity.js';
import { MeetingOrganisation } from '../meetings/meeting-party.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';

/** Writes with more rows than this go to the database in several statements: TypeORM's work per statement grows faster than its rows. */
const SAVE_CHUNK = 500;

/** Rows per bulk INSERT: one JSON parameter each, a few MB at most. */
const INSERT_CHUNK = 5000;

type Column = EntityMetadata['columns'][number];

/** Columns the database fills on insert: left out of a bulk INSERT, read back from its RETURNING. */
const filledByDatabase = (column: Column): boolean => column.isCreateDate || column.isUpdateDate || column.isVersion || column.isDeleteDate;

const asJson = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/**
 * The reads an import matches its rows against, and its writes: always through the entity
 * manager of the import's one transaction, so that everything it writes is audited (as the
 * importing user) and a failure leaves nothing behind.
 */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
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

  /** The mission's delegation with its delegate ids (one query for all of them). */
  async findParticipants(missionId: string, manager: EntityManager): Promise<Participant[]> {
    return loadIdLists(manager, Participant, await manager.find(Participant, { where: { missionId } }));
  }

  findMeetings(missionId: string, manager: EntityManager): Promise<Meeting[]> {
    return manager.find(Meeting, { where: { missionId } });
  }

  findMeetingOrganisations(meetingIds: readonly string[], manager: EntityManager): Promise<MeetingOrganisation[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return manager.find(MeetingOrganisation, { where: { meetingId: In([...meetingIds]) } });
  }

  /**
   * New rows in a few INSERT … SELECT FROM jsonb_to_recordset statements instead of one
   * save() per row, whose per-statement cost in TypeORM grows faster than its rows. Ids are
   * made here; each entity is then filled with what the database stored (defaults, times,
   * version), as save() fills it, and audited as save() audits it, with the id lists given.
   */
  async insertAll<T extends { id: string }>(
    target: new () => T,
    resource: AuditedResource,
    rows: readonly T[],
    manager: EntityManager,
    idLists?: Record<string, (row: T) => readonly string[]>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const metadata = manager.connection.getMetadata(target);
    const types = await this.columnTypes(metadata.tablePath, manager);
    for (const row of rows) row.id ??= randomUUID();
    const columns = metadata.columns.filter((column) => !column.isVirtual && !filledByDatabase(column));
    // A column no row gives a value keeps the database's default; rows are grouped by the columns they give.
    const groups = new Map<string, { given: Column[]; rows: T[] }>();
    for (const row of rows) {
      const given = columns.filter((column) => column.getEntityValue(row) !== undefined);
      const key = given.map((column) => column.databaseName).join(',');
      const group = groups.get(key) ?? { given, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    const driver = manager.connection.driver;
    for (const { given, rows: group } of groups.values()) {
      const names = given.map((column) => `"${column.databaseName}"`).join(', ');
      const definitions = given.map((column) => `"${column.databaseName}" ${types.get(column.databaseName)!}`).join(', ');
      const sql = `INSERT INTO "${metadata.tablePath}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${definitions}) RETURNING *`;
      for (let start = 0; start < group.length; start += INSERT_CHUNK) {
        const records = group
          .slice(start, start + INSERT_CHUNK)
          .map((row) =>
            Object.fromEntries(given.map((column) => [column.databaseName, asJson(driver.preparePersistentValue(column.getEntityValue(row), column))])),
          );
        const stored = await manager.query<Record<string, unknown>[]>(sql, [JSON.stringify(records)]);
        for (const raw of stored) {
          const row = byId.get(raw.id as string)!;
          for (const column of metadata.columns) {
            if (column.isVirtual || !(column.databaseName in raw)) continue;
            if (filledByDatabase(column) || column.getEntityValue(row) === undefined)
              column.setEntityValue(row, driver.prepareHydratedValue(raw[column.databaseName], column));
          }
        }
      }
    }
    await recordCreations(manager, resource, rows, idLists);
  }

  /** Rows of a join table or of meeting parties, which have no audit entries of their own: their owner's entry lists them. */
  async insertLinks(table: string, columns: Record<string, string>, rows: readonly Record<string, string>[], manager: EntityManager): Promise<void> {
    const names = Object.keys(columns);
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      await manager.query(
        `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')}) SELECT * FROM unnest(${names.map((name, index) => `$${index + 1}::${columns[name]}[]`).join(', ')})`,
        names.map((name) => chunk.map((row) => row[name])),
      );
    }
  }

  /** The stored type of each column (varchar(300), organisation_kind, text[], …), as a record of jsonb_to_recordset declares it. */
  private async columnTypes(table: string, manager: EntityManager): Promise<Map<string, string>> {
    const rows = await manager.query<{ name: string; type: string }[]>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [`"${table}"`],
    );
    return new Map(rows.map((row) => [row.name, row.type]));
  }

  async saveAll<T extends object>(entity: new () => T, rows: T[], manager: EntityManager): Promise<void> {
    if (rows.length > 0) await manager.save(entity, rows, { chunk: SAVE_CHUNK });
  }
}
