import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MissionsModule } from '../missions/missions.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AgreementsController } from './agreements.controller.js';
import { AgreementsRepository } from './agreements.repository.js';
import { AgreementsService } from './agreements.service.js';

@Module({
  imports: [OrganisationsModule, MissionsModule, MeetingsModule],
  controllers: [AgreementsController],
  providers: [AgreementsService, AgreementsRepository],
  exports: [AgreementsRepository],
})
export class AgreementsModule {}
