import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Sent back on a PATCH: the version the client last read. A stale one is a 409. */
export class VersionedUpdateDto {
  @ApiPropertyOptional({ description: 'The version you last read; if someone changed the resource since, the update is refused with 409.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
