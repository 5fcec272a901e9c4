import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdParam } from '../common/id-param.js';
import { MissionReportDto, ReportQueryDto } from './report.dto.js';
import { renderReport, reportFormat } from './report-format.js';
import { ReportsService } from './reports.service.js';

@ApiTags('missions')
@Controller('missions')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/report')
  @ApiOperation({
    summary: 'What the mission produced, as it stood at the end of a day: delegation, meetings, agreements, follow-up and satisfaction',
    description:
      'JSON by default. `Accept: text/markdown` or `text/html` gives the text in `lang`, written as for an answer to Parliament; the HTML is one printable page with nothing loaded from elsewhere.',
  })
  @ApiHeader({ name: 'Accept', required: false, description: 'application/json (default), text/markdown or text/html' })
  @ApiExtraModels(MissionReportDto)
  // Per content type: the JSON is the report's facts, the two texts are strings (the errors stay JSON).
  @ApiOkResponse({
    description: 'The report: its facts in JSON, or its text in Markdown or HTML',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MissionReportDto) } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(400, 404)
  async report(
    @IdParam() id: string,
    @Query() query: ReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MissionReportDto | string> {
    const format = reportFormat(accept);
    void reply.header('vary', 'Accept');
    const report = await this.reports.report(id, query.asOf, query.lang);
    if (format === 'json') return report;
    void reply.header('content-type', `${format}; charset=utf-8`);
    return renderReport(report, format);
  }
}
