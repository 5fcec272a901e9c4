import { Module } from '@nestjs/common';
import { ReportRepository } from './report.repository.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The mission report (and the summary, its counts): read-only, from every domain's tables. */
@Module({
  controllers: [ReportsController],
  providers: [ReportRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
