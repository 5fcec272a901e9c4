import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { BooleanQueryParam } from '../common/validators.js';
import { IMPORT_KINDS, type ImportKind } from './import-columns.js';

export class ImportQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The mission whose delegation (participants) or meeting plan (meetings) this is; required for those kinds',
  })
  @IsOptional()
  @IsUUID()
  missionId?: string;

  @BooleanQueryParam({ default: false, description: 'true: check and report each row, write nothing' })
  dryRun: boolean = false;
}

export const ROW_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export class ImportCellErrorDto {
  @ApiProperty({ description: 'The column as the file names it in its header, or "row" for the row as a whole', example: 'e-mail' })
  column!: string;

  @ApiProperty({ example: 'not an e-mail address' })
  message!: string;
}

export class ImportRecordDto {
  @ApiProperty({ enum: ['organisation', 'contact', 'participant', 'meeting'] })
  resource!: 'organisation' | 'contact' | 'participant' | 'meeting';

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a record a dry run would create' })
  id!: string | null;

  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] })
  status!: Exclude<RowStatus, 'error'>;
}

export class ImportRowDto {
  @ApiProperty({ description: 'The row number in the file (the header is row 1)', example: 2 })
  row!: number;

  @ApiProperty({
    enum: ROW_STATUSES,
    description: 'created if the row created a record, else updated if it changed one, else unchanged; error if it cannot be imported',
  })
  status!: RowStatus;

  @ApiProperty({ type: [ImportRecordDto], description: 'What the row created, changed or found' })
  records!: ImportRecordDto[];

  @ApiProperty({ type: [ImportCellErrorDto] })
  errors!: ImportCellErrorDto[];
}

export class ImportTotalsDto {
  @ApiProperty() rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() error!: number;
}

export class ImportReportDto {
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: ImportKind;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: 'csv' | 'xlsx';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) missionId!: string | null;
  @ApiProperty({ description: 'Nothing was written: a dry run, or a run with errors' }) dryRun!: boolean;
  @ApiProperty({ description: 'Whether the import was written (a real run without errors)' }) written!: boolean;
  @ApiProperty({ type: ImportTotalsDto, description: 'Rows by status' }) totals!: ImportTotalsDto;
  @ApiProperty({ type: [ImportRowDto], description: 'Each data row, in file order' }) rows!: ImportRowDto[];
}
