import type { Type } from '@nestjs/common';

/** Where @nestjs/swagger keeps the names of a class's @ApiProperty fields, in declaration order. */
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
/** Where it keeps what one field's @ApiProperty says of it. */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * The fields of a response DTO as its OpenAPI schema documents them, in the order they are
 * declared: the header of the CSV export, so that it always names what the JSON answer names.
 */
export function documentedFields(dto: Type): string[] {
  const names = (Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, dto.prototype as object) as string[] | undefined) ?? [];
  if (names.length === 0) throw new Error(`${dto.name} documents no fields`);
  return [...new Set(names.map((name) => name.replace(/^:/, '')))];
}

/** A column of an export: the field's name, and whether the document gives it as a day or a moment. */
export interface ExportColumn {
  name: string;
  kind: 'date' | 'date-time' | 'other';
}

/** The documented fields with what a spreadsheet should make of them: a day (YYYY-MM-DD), a moment (a date-time) or anything else. */
export function documentedColumns(dto: Type): ExportColumn[] {
  return documentedFields(dto).map((name) => {
    const property = Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype as object, name) as { type?: unknown; format?: string } | undefined;
    const kind = property?.format === 'date' ? 'date' : property?.type === Date || property?.format === 'date-time' ? 'date-time' : 'other';
    return { name, kind };
  });
}
