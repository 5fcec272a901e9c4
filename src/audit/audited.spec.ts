import { describe, expect, it } from '@jest/globals';
import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { Participant } from '../participants/participant.entity.js';
import { createdChanges, deletedChanges, listChange, toJson, updatedChanges } from './audited.js';

type Column = EntityMetadata['columns'][number];

const column = (propertyName: string): Column => ({ propertyName, getEntityValue: (row: ObjectLiteral): unknown => row[propertyName] }) as unknown as Column;

const metadata = (properties: string[], target: unknown = Object): EntityMetadata => ({ columns: properties.map(column), target }) as unknown as EntityMetadata;

const userColumns = ['id', 'createdAt', 'updatedAt', 'version', 'email', 'name', 'role', 'passwordHash', 'archivedAt'];
const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';

describe('createdChanges', () => {
  it('records every field with a value as after, without bookkeeping, nulls or empty lists', () => {
    const mission = {
      id: 'm1',
      version: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
      code: 'VN-2023',
      startDate: '2023-09-11',
      theme: null,
      cities: [],
      focusSectors: ['logistics'],
      archivedAt: null,
    };
    const changes = createdChanges(
      metadata(['id', 'createdAt', 'updatedAt', 'version', 'code', 'startDate', 'theme', 'cities', 'focusSectors', 'archivedAt']),
      mission,
    );
    expect(changes).toEqual({ code: { after: 'VN-2023' }, startDate: { after: '2023-09-11' }, focusSectors: { after: ['logistics'] } });
  });

  it('hides a password hash under the field the API calls password', () => {
    const changes = createdChanges(metadata(userColumns), {
      id: 'u1',
      email: 'els.vermeulen@fit.example',
      name: 'Els Vermeulen',
      role: 'officer',
      passwordHash: HASH,
    });
    expect(changes.password).toEqual({ after: '[hidden]' });
    expect(JSON.stringify(changes)).not.toContain(HASH);
  });
});

describe('updatedChanges', () => {
  it('gives each changed column its value before and after, times as ISO strings', () => {
    const before = { status: 'open', completedAt: null, version: 1 };
    const after = { status: 'done', completedAt: new Date('2023-11-20T10:00:00Z'), version: 2 };
    expect(updatedChanges(['status', 'completedAt', 'version'].map(column), before, after)).toEqual({
      status: { before: 'open', after: 'done' },
      completedAt: { before: null, after: '2023-11-20T10:00:00.000Z' },
    });
  });

  it('says only that a password changed', () => {
    const changes = updatedChanges([column('passwordHash')], { passwordHash: HASH }, { passwordHash: `${HASH}2` });
    expect(changes).toEqual({ password: { before: '[hidden]', after: '[changed]' } });
  });
});

describe('deletedChanges', () => {
  it('keeps what the row held as before, id lists included', () => {
    const participant = { id: 'p1', missionId: 'm1', organisationId: 'o1', satisfactionScore: 4, objectives: null, delegateContactIds: ['c2', 'c1'] };
    expect(deletedChanges(metadata(['id', 'missionId', 'organisationId', 'satisfactionScore', 'objectives'], Participant), participant)).toEqual({
      missionId: { before: 'm1' },
      organisationId: { before: 'o1' },
      satisfactionScore: { before: 4 },
      delegateContactIds: { before: ['c1', 'c2'] },
    });
  });
});

describe('listChange', () => {
  it('is nothing when the same ids come back in another order', () => {
    expect(listChange(['a', 'b'], ['b', 'a'], false)).toBeUndefined();
  });

  it('gives both lists, sorted, when they differ', () => {
    expect(listChange(['b', 'a'], ['c', 'a'], false)).toEqual({ before: ['a', 'b'], after: ['a', 'c'] });
  });

  it('gives only after for a new resource, and nothing for an empty list', () => {
    expect(listChange([], ['b', 'a'], true)).toEqual({ after: ['a', 'b'] });
    expect(listChange([], [], true)).toBeUndefined();
  });
});

describe('toJson', () => {
  it('turns times into ISO strings and undefined into null', () => {
    expect(toJson(new Date('2023-09-11T00:00:00Z'))).toBe('2023-09-11T00:00:00.000Z');
    expect(toJson(undefined)).toBeNull();
    expect(toJson({ headsUpDays: 7 })).toEqual({ headsUpDays: 7 });
  });
});
