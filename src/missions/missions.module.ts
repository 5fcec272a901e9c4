import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { MissionsController } from './missions.controller.js';
import { MissionsRepository } from './missions.repository.js';
import { MissionsService } from './missions.service.js';

@Module({
  imports: [ReportsModule],
  controllers: [MissionsController],
  providers: [MissionsService, MissionsRepository],
  exports: [MissionsRepository],
})
export class MissionsModule {}
