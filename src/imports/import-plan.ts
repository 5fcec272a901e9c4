import { isEmail, isISO31661Alpha2, isURL } from 'class-validator';
import { isEnterpriseNumber, normaliseEnterpriseNumber } from '../common/validators.js';
import { type Organisation, ORGANISATION_KINDS, type OrganisationKind } from '../organisations/organisation.entity.js';
import { foldText } from './import-columns.js';
import type { ImportCellErrorDto, ImportRecordDto, ImportRowDto } from './imports.dto.js';

/** A record the import found or will create, and whether it changes. */
export class Planned<E extends { id?: string }> {
  changed = false;
  constructor(
    readonly entity: E,
    readonly isNew: boolean,
    readonly resource: ImportRecordDto['resource'],
  ) {}

  /** Gives the field the file's value; a change to a stored record marks it changed. */
  set<F extends keyof E>(field: F, value: E[F], row: RowOutcome): void {
    if (same(this.entity[field], value)) return;
    this.entity[field] = value;
    if (!this.isNew) {
      this.changed = true;
      row.touched(this, 'updated');
    }
  }
}

const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') === b.join('\u0000') : a === b);

/** What one row did: its errors, and the records it created, changed or found. */
export class RowOutcome {
  readonly errors: ImportCellErrorDto[] = [];
  private readonly records = new Map<Planned<{ id?: string }>, ImportRecordDto['status']>();

  constructor(
    readonly row: number,
    private readonly headers: Record<string, string | undefined>,
  ) {}

  /** An error in a column, named as the file's header names it. */
  fail(column: string, message: string): void {
    this.errors.push({ column: this.headers[column] ?? column, message });
  }

  touched(record: Planned<{ id?: string }>, status: ImportRecordDto['status']): void {
    const before = this.records.get(record);
    if (before === 'created' || (before === 'updated' && status === 'unchanged')) return;
    this.records.set(record, status);
  }

  /** A record the row refers to, created by it when the record is new and first seen here. */
  found(record: Planned<{ id?: string }>, createdHere: boolean): void {
    this.touched(record, createdHere ? 'created' : 'unchanged');
  }

  report(): ImportRowDto {
    if (this.errors.length > 0) return { row: this.row, status: 'error', records: [], errors: this.errors };
    const records = [...this.records].map(([record, status]) => ({ resource: record.resource, id: record.entity.id ?? null, status }));
    const status = records.some((record) => record.status === 'created')
      ? 'created'
      : records.some((record) => record.status === 'updated')
        ? 'updated'
        : 'unchanged';
    return { row: this.row, status, records, errors: [] };
  }
}

export const nameKey = (name: string, country: string): string => `${foldText(name)}|${country}`;

/** The organisations known to an import, found by enterprise number or by name and country. */
export class OrganisationBook {
  private readonly byNumber = new Map<string, Planned<Organisation>>();
  private readonly byName = new Map<string, Planned<Organisation>>();
  readonly byId = new Map<string, Planned<Organisation>>();
  readonly created: Planned<Organisation>[] = [];

  constructor(existing: Organisation[]) {
    for (const organisation of existing) this.remember(new Planned(organisation, false, 'organisation'));
  }

  find(name: string, country: string, enterpriseNumber: string | undefined): Planned<Organisation> | undefined {
    return (enterpriseNumber ? this.byNumber.get(enterpriseNumber) : undefined) ?? this.byName.get(nameKey(name, country));
  }

  add(planned: Planned<Organisation>): void {
    this.created.push(planned);
    this.remember(planned);
  }

  /** After a change of number or name, the record is found by its new ones too. */
  remember(planned: Planned<Organisation>): void {
    const { entity } = planned;
    if (entity.enterpriseNumber) this.byNumber.set(entity.enterpriseNumber, planned);
    if (!this.byName.has(nameKey(entity.name, entity.country))) this.byName.set(nameKey(entity.name, entity.country), planned);
    if (entity.id) this.byId.set(entity.id, planned);
  }

  changed(): Planned<Organisation>[] {
    return [...this.byId.values()].filter((planned) => planned.changed);
  }
}

/** Checks of single cells; each returns the stored form or records the error and returns undefined. */
export const cells = {
  text(row: RowOutcome, column: string, value: string | undefined, max: number): string | undefined {
    if (value === undefined) return undefined;
    if (value.length > max) {
      row.fail(column, `longer than ${max} characters`);
      return undefined;
    }
    return value;
  },
  country(row: RowOutcome, column: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const code = value.toUpperCase();
    if (!isISO31661Alpha2(code)) {
      row.fail(column, `"${value}" is not an ISO 3166-1 alpha-2 country code such as BE or VN`);
      return undefined;
    }
    return code;
  },
  enterpriseNumber(row: RowOutcome, column: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    let digits = String(normaliseEnterpriseNumber(value));
    // A spreadsheet that took the number for a number dropped its leading zero.
    if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
    if (!isEnterpriseNumber(digits)) {
      row.fail(column, `"${value}" is not a Belgian enterprise number: 10 digits with a valid mod-97 check`);
      return undefined;
    }
    return digits;
  },
  email(row: RowOutcome, column: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (value.length > 320 || !isEmail(value)) {
      row.fail(column, `"${value}" is not an e-mail address`);
      return undefined;
    }
    return value;
  },
  website(row: RowOutcome, column: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (value.length > 500 || !isURL(value)) {
      row.fail(column, `"${value}" is not a web address`);
      return undefined;
    }
    return value;
  },
  list(value: string | undefined): string[] | undefined {
    if (value === undefined) return undefined;
    return [
      ...new Set(
        value
          .split(';')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ];
  },
  organisationKind(row: RowOutcome, column: string, value: string | undefined): OrganisationKind | undefined {
    if (value === undefined) return undefined;
    const folded = foldText(value).replace(/ /g, '_');
    const kind = ORGANISATION_KIND_WORDS[folded] ?? folded;
    if (!ORGANISATION_KINDS.includes(kind)) {
      row.fail(column, `"${value}" is not a kind of organisation; use one of ${ORGANISATION_KINDS.join(', ')}`);
      return undefined;
    }
    return kind;
  },
};

const ORGANISATION_KIND_WORDS: Record<string, OrganisationKind> = {
  bedrijf: 'company',
  onderneming: 'company',
  overheid: 'government_body',
  overheidsinstantie: 'government_body',
  agentschap: 'agency',
  universiteit: 'university',
  vereniging: 'association',
  andere: 'other',
};
