import { ApiProperty } from '@nestjs/swagger';

/** What every stored record answers with: its id, the version a change must send back, and when it was made and last changed. */
export abstract class RecordResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** A record that is archived rather than deleted. */
export abstract class ArchivableResponseDto extends RecordResponseDto {
  @ApiProperty({ type: Date, nullable: true, description: 'When it was archived: it is then out of lists and search, still readable here and restorable' })
  archivedAt!: Date | null;
}
