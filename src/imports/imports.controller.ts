import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { DomainError, ValidationFailedError } from '../common/errors.js';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './import-columns.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import-limits.js';
import { ImportQueryDto, ImportReportDto } from './imports.dto.js';
import { ImportsService } from './imports.service.js';

class ImportRejectedResponseDto extends ErrorResponseDto {
  @ApiProperty({ type: ImportReportDto, description: 'The report of every row, as a dry run gives it' })
  report!: ImportReportDto;
}

const columnsOf = (kind: ImportKind): string =>
  IMPORT_COLUMNS[kind].map((column) => `${column.names.slice(0, 2).join(' | ')}${'required' in column && column.required ? ' (required)' : ''}`).join(', ');

const DESCRIPTION = `The body is the file itself: CSV (\`${CSV_MEDIA_TYPE}\`, UTF-8 with or without byte order mark, "," or ";" between fields, quoted fields) or an .xlsx workbook (\`${XLSX_MEDIA_TYPE}\`, its first sheet; formulas give the value the workbook last computed, they are never evaluated). The first row names the columns, in English or Dutch, in any case:

- organisations: ${columnsOf('organisations')}
- participants (needs missionId; country defaults to BE): ${columnsOf('participants')}
- meetings (needs missionId; times in the mission's time zone; the company must be on the delegation; the counterpart is created when unknown, in the mission's first host country unless given; kind defaults to b2b): ${columnsOf('meetings')}

Lists (sectors, topics) take ";" between items. Organisations match by enterprise number, else by name and country ignoring accents and case; contacts by e-mail (else by name within the organisation); participants by mission and organisation; meetings by mission, start and parties. Filled cells overwrite what is stored, empty cells leave it; so the same file imported twice changes nothing the second time. Everything written is audited as the importing user.

Limits: ${IMPORT_MAX_BYTES / 2 ** 20} MiB (413 payload_too_large) and ${IMPORT_MAX_ROWS} data rows (413). Not CSV or .xlsx: 415 or 400; a damaged workbook, no header row, unknown, repeated or missing columns (named in details): 400. With dryRun=true nothing is written and the report says what would happen; a real run with any row in error writes nothing and answers 400 with the same report.`;

@ApiTags('imports')
@ApiExtraModels(ImportRejectedResponseDto)
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':kind')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import organisations, a delegation or a B2B meeting plan from CSV or .xlsx', description: DESCRIPTION })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes(CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The CSV file or the .xlsx workbook' })
  @ApiOkResponse({ type: ImportReportDto, description: 'Every row with its outcome, and the totals; written unless dryRun' })
  @ApiResponse({
    status: 400,
    type: ImportRejectedResponseDto,
    description: 'A bad file (details name the problem) or rows in error (report lists them; nothing was written)',
  })
  @ApiErrors(404, 413, 415)
  import(@Param('kind') kind: string, @Query() query: ImportQueryDto, @Body() body: unknown): Promise<ImportReportDto> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationFailedError([{ field: 'kind', message: `kind must be one of ${IMPORT_KINDS.join(', ')}` }], `cannot import ${kind}`);
    }
    if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', `Send the file as the body, as ${CSV_MEDIA_TYPE} or ${XLSX_MEDIA_TYPE}`);
    return this.imports.import(kind as ImportKind, body, query);
  }
}
