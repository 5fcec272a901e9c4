import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Min, ValidateIf } from 'class-validator';

const VERSION_RULE = 'version must be a whole number of 1 or more: the version you last read';

/** Sent back on a PATCH: the version the client last read. A stale one is a 409. */
export class VersionedUpdateDto {
  @ApiPropertyOptional({
    description: 'The version you last read; if someone changed the resource since, the update is refused with 409.',
    type: 'integer',
    minimum: 1,
  })
  // Left out, the change applies to whatever is current; null is no version at all, not a stale one.
  @ValidateIf((dto: VersionedUpdateDto) => dto.version !== undefined)
  @IsInt({ message: VERSION_RULE })
  @Min(1, { message: VERSION_RULE })
  version?: number;
}
