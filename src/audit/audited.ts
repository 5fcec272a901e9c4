import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { Action } from '../actions/action.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { MeetingContact, MeetingOrganisation } from '../meetings/meeting-party.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { User } from '../users/user.entity.js';
import { idListsOf } from '../database/id-lists.js';
import type { AuditChanges } from './audit-entry.entity.js';

/** The resources whose changes are audited, by the name the API gives them in errors and in audit entries. */
export const AUDITED_RESOURCES = {
  user: User,
  organisation: Organisation,
  contact: Contact,
  mission: Mission,
  participant: Participant,
  meeting: Meeting,
  agreement: Agreement,
  action: Action,
} as const;
export type AuditedResource = keyof typeof AUDITED_RESOURCES;
export const AUDITED_RESOURCE_NAMES = Object.keys(AUDITED_RESOURCES) as AuditedResource[];

/** The API paths that have a `/{id}/history`; participants live under their mission and have none of their own. */
export const HISTORY_PATHS = {
  missions: 'mission',
  organisations: 'organisation',
  contacts: 'contact',
  meetings: 'meeting',
  agreements: 'agreement',
  actions: 'action',
  users: 'user',
} as const satisfies Record<string, AuditedResource>;
export type HistoryPath = keyof typeof HISTORY_PATHS;
export const HISTORY_PATH_NAMES = Object.keys(HISTORY_PATHS) as HistoryPath[];

const RESOURCE_BY_TARGET = new Map<unknown, AuditedResource>(AUDITED_RESOURCE_NAMES.map((name) => [AUDITED_RESOURCES[name], name]));

export function resourceOf(metadata: EntityMetadata): AuditedResource | undefined {
  return RESOURCE_BY_TARGET.get(metadata.target);
}

/**
 * A meeting's parties are rows of their own, one table per kind, with a side; the API shows
 * them as four id lists. Each list is audited under its API name.
 */
export interface MeetingPartyTable {
  target: typeof MeetingOrganisation | typeof MeetingContact;
  partyId: (row: ObjectLiteral) => string;
  fields: { delegation: string; counterpart: string };
}
export const MEETING_PARTY_TABLES: readonly MeetingPartyTable[] = [
  {
    target: MeetingOrganisation,
    partyId: (row) => (row as MeetingOrganisation).organisationId,
    fields: { delegation: 'organisationIds', counterpart: 'counterpartOrganisationIds' },
  },
  { target: MeetingContact, partyId: (row) => (row as MeetingContact).contactId, fields: { delegation: 'contactIds', counterpart: 'counterpartContactIds' } },
];

/** A join table of a many-to-many id list (watcherIds, organisationIds, partyIds, delegateContactIds). */
export interface JunctionTable {
  resource: AuditedResource;
  /** The id list's API name: the @IdsOf property where there is one. */
  field: string;
  table: string;
  ownerColumn: Column;
  inverseColumn: Column;
}
type Column = EntityMetadata['columns'][number];

export function junctionOf(metadata: EntityMetadata): JunctionTable | undefined {
  const [ownerColumn] = metadata.ownerColumns;
  const [inverseColumn] = metadata.inverseColumns;
  const owner = ownerColumn?.referencedColumn?.entityMetadata;
  const resource = owner && resourceOf(owner);
  if (!metadata.isJunction || !inverseColumn || !owner || !resource) return undefined;
  const relation = owner.manyToManyRelations.find((candidate) => candidate.junctionEntityMetadata === metadata);
  if (!relation) return undefined;
  const field = idListsOf(owner.target).find((list) => list.relation === relation.propertyName)?.property ?? relation.propertyName;
  return { resource, field, table: metadata.tablePath, ownerColumn, inverseColumn };
}

export const meetingPartyTableOf = (metadata: EntityMetadata): MeetingPartyTable | undefined =>
  MEETING_PARTY_TABLES.find((table) => table.target === metadata.target);

/** Bookkeeping that every write changes: recording it would bury the real changes. */
const NOISE = new Set(['id', 'createdAt', 'updatedAt', 'version', 'archivedAt']);

/** Columns whose values never enter the audit trail, by the API field they stand for. */
const SECRETS: Record<string, string> = { passwordHash: 'password' };
export const HIDDEN = '[hidden]';
export const CHANGED = '[changed]';

/** A stored value as JSON: times as ISO strings, nothing undefined. */
export function toJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

const isEmpty = (value: unknown): boolean => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** The columns worth recording: what the resource says, not its bookkeeping. */
const auditedColumns = (metadata: EntityMetadata) => metadata.columns.filter((column) => !NOISE.has(column.propertyName));

/** A new row: every field that has a value, as `after`. */
export function createdChanges(metadata: EntityMetadata, row: ObjectLiteral): AuditChanges {
  const changes: AuditChanges = {};
  for (const column of auditedColumns(metadata)) {
    const value: unknown = column.getEntityValue(row);
    if (isEmpty(value)) continue;
    const secret = SECRETS[column.propertyName];
    if (secret) changes[secret] = { after: HIDDEN };
    else changes[column.propertyName] = { after: toJson(value) };
  }
  return changes;
}

/** A row deleted for good: every field that had a value, as `before`, the id lists included when they were loaded. */
export function deletedChanges(metadata: EntityMetadata, row: ObjectLiteral): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, change] of Object.entries(createdChanges(metadata, row))) changes[field] = { before: change.after };
  for (const { property } of idListsOf(metadata.target)) {
    const ids: unknown = row[property];
    if (Array.isArray(ids) && ids.length > 0) changes[property] = { before: [...(ids as string[])].sort() };
  }
  return changes;
}

/** The columns an update changed, each with its value before and after. */
export function updatedChanges(columns: readonly Column[], before: ObjectLiteral, after: ObjectLiteral): AuditChanges {
  const changes: AuditChanges = {};
  for (const column of columns) {
    if (NOISE.has(column.propertyName)) continue;
    const secret = SECRETS[column.propertyName];
    if (secret) changes[secret] = { before: HIDDEN, after: CHANGED };
    else changes[column.propertyName] = { before: toJson(column.getEntityValue(before)), after: toJson(column.getEntityValue(after)) };
  }
  return changes;
}

/** An id list's change, or undefined when it holds the same ids (in any order). */
export function listChange(before: readonly string[], after: readonly string[], created: boolean): { before?: string[]; after: string[] } | undefined {
  const sortedBefore = [...new Set(before)].sort();
  const sortedAfter = [...new Set(after)].sort();
  if (created) return sortedAfter.length > 0 ? { after: sortedAfter } : undefined;
  const same = sortedBefore.length === sortedAfter.length && sortedBefore.every((id, index) => id === sortedAfter[index]);
  return same ? undefined : { before: sortedBefore, after: sortedAfter };
}
