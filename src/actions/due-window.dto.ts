import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../common/validators.js';
import { DUE_LABEL_FORMS, DUE_PRECISIONS, type DuePrecision, type DueWindow } from './due/due-window.js';

export class DueWindowQueryDto {
  @ApiProperty({ description: `A fuzzy due date as an officer types it; accepted forms include ${DUE_LABEL_FORMS.join(', ')}`, example: 'najaar 2027' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'dueLabel is required' })
  @MaxLength(100)
  dueLabel!: string;
}

export class DueWindowResponseDto {
  @ApiProperty({ format: 'date', description: 'First day of the window' }) dueFrom!: string;
  @ApiProperty({ format: 'date', description: 'Last day of the window (inclusive)' }) dueTo!: string;
  @ApiProperty({ enum: DUE_PRECISIONS }) duePrecision!: DuePrecision;
  @ApiProperty({ description: 'The label as it would be stored' }) dueLabel!: string;
}

export function mapDueWindow(window: DueWindow, label: string): DueWindowResponseDto {
  return { dueFrom: window.dueFrom, dueTo: window.dueTo, duePrecision: window.duePrecision, dueLabel: window.dueLabel ?? label };
}
