import type { Type } from '@nestjs/common';

/** Where @nestjs/swagger keeps the names of a class's @ApiProperty fields, in declaration order. */
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

/**
 * The fields of a response DTO as its OpenAPI schema documents them, in the order they are
 * declared: the header of the CSV export, so that it always names what the JSON answer names.
 */
export function documentedFields(dto: Type): string[] {
  const names = (Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, dto.prototype as object) as string[] | undefined) ?? [];
  if (names.length === 0) throw new Error(`${dto.name} documents no fields`);
  return [...new Set(names.map((name) => name.replace(/^:/, '')))];
}
