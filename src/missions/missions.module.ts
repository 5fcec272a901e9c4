import { Module } from '@nestjs/common';
import { MissionsController } from './missions.controller.js';
import { MissionsRepository } from './missions.repository.js';
import { MissionsService } from './missions.service.js';

@Module({
  controllers: [MissionsController],
  providers: [MissionsService, MissionsRepository],
  exports: [MissionsRepository],
})
export class MissionsModule {}
