import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { EXACT_TOTAL_UP_TO } from '../database/page-query.js';
import { ValidationFailedError } from './errors.js';
import { BooleanQueryParam, QueryList } from './validators.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
/** Paging deeper than this costs a scan of every row before it: filters are the way there. */
export const MAX_OFFSET = 10_000;

/** Paging and sorting shared by every list endpoint. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: `Deeper than ${MAX_OFFSET} rows, narrow the list with filters instead.` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET, { message: `offset must not be greater than ${MAX_OFFSET}; narrow the list with filters instead` })
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Comma-separated fields, "-" in front for descending, e.g. "-startDate,title".' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$/, { message: 'sort must be field names separated by commas, each optionally preceded by "-"' })
  sort?: string;
}

/** A list that also takes a text search. */
export class SearchableListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Text search: accents and case are ignored ("hai phong" finds "Hải Phòng"), part of a word is enough.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** A list of records that are archived rather than deleted: they stay out unless asked for. */
export class ArchivableListQueryDto extends SearchableListQueryDto {
  @BooleanQueryParam({ default: false, description: 'true: archived records too (each with its archivedAt)' })
  includeArchived?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** True when `total` is PostgreSQL's estimate rather than a count: see fetchPage. */
  totalIsEstimate: boolean;
  limit: number;
  offset: number;
}

export type SortDirection = 'ASC' | 'DESC';
export interface SortKey<F extends string> {
  field: F;
  direction: SortDirection;
}

/**
 * Turns "-startDate,title" into sort keys, accepting only the fields a list allows;
 * anything else is a 400 that lists the allowed ones.
 */
export function parseSort<F extends string>(sort: string | undefined, allowed: readonly F[], fallback: SortKey<F>[]): SortKey<F>[] {
  if (!sort) return fallback;
  return sort.split(',').map((part) => {
    const descending = part.startsWith('-');
    const field = (descending ? part.slice(1) : part) as F;
    if (!allowed.includes(field)) {
      throw new SortFieldError(field, allowed);
    }
    return { field, direction: descending ? 'DESC' : 'ASC' };
  });
}

/**
 * The `sort` of a list, with the fields it sorts by: documented as a pattern of those fields, and an
 * unknown one refused at the edge in the same words as parseSort.
 */
export function SortsBy(fields: readonly string[]): PropertyDecorator {
  const names = fields.join('|');
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: `Comma-separated fields, "-" in front for descending (e.g. "-${fields[0]}"). Fields: ${fields.join(', ')}.`,
      pattern: `^-?(${names})(,-?(${names}))*$`,
    }),
    IsOptional(),
    ValidateBy({
      name: 'isSortOf',
      constraints: [fields],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || unknownSortFields(value, fields).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          `cannot sort by ${unknownSortFields(String(args?.value), fields)[0]}; sort by one of: ${fields.join(', ')}`,
      },
    }),
  );
}

const unknownSortFields = (sort: string, fields: readonly string[]): string[] =>
  sort
    .split(',')
    .map((part) => part.replace(/^-/, ''))
    .filter((field) => /^[a-zA-Z]+$/.test(field) && !fields.includes(field));

export class SortFieldError extends ValidationFailedError {
  constructor(field: string, allowed: readonly string[]) {
    super([{ field: 'sort', message: `cannot sort by ${field}; sort by one of: ${allowed.join(', ')}` }], `cannot sort by ${field}`);
  }
}

/** A `{ items, total, limit, offset }` response class for OpenAPI, one per item type. */
export function PageResponseDto<T>(item: ClassType<T>, name: string): ClassType<Page<T>> {
  class PageOf {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({
      description: `How many items match the filters, over all pages: counted exactly up to ${EXACT_TOTAL_UP_TO}; past that, an estimate (totalIsEstimate).`,
    })
    total!: number;

    @ApiProperty({
      description: `true when more than ${EXACT_TOTAL_UP_TO} items match and total is the database's estimate, never ${EXACT_TOTAL_UP_TO} or fewer: close for one filter, possibly several times off when filters combine; false when total is exact.`,
    })
    totalIsEstimate!: boolean;

    @ApiProperty()
    limit!: number;

    @ApiProperty()
    offset!: number;
  }
  Object.defineProperty(PageOf, 'name', { value: name });
  return PageOf;
}

/** A list that can also be narrowed to given ids: how a client resolves the names behind a page of references in one request (with includeArchived, archived ones too). */
export class SearchableByIdListQueryDto extends ArchivableListQueryDto {
  @ApiPropertyOptional({ description: `Only these ids: one or several separated by commas (at most ${MAX_PAGE_SIZE})`, type: String, example: '0b9f…,5c1e…' })
  @IsOptional()
  @QueryList()
  @IsArray()
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @IsUUID(undefined, { each: true, message: 'id must be one or several UUIDs separated by commas' })
  id?: string[];
}
