import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from './errors.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'hostCountries.0' })
  field!: string;

  @ApiProperty({ example: 'each value in hostCountries must be an ISO 3166-1 alpha-2 country code' })
  message!: string;
}

/** The one body every error response has. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'validation_failed' })
  code!: ErrorCode;

  @ApiProperty({ example: 'The request is not valid; see details' })
  message!: string;

  @ApiProperty({ type: [FieldErrorDto] })
  details!: FieldErrorDto[];

  @ApiPropertyOptional({ description: 'Quote it when reporting a problem; it is in the logs too.', example: '5b0c8f0e-8f0a-4a55-9d4b-3b2f4f5d6e7a' })
  requestId?: string;
}
