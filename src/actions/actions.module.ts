import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MissionsModule } from '../missions/missions.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ReminderPlanningModule } from '../reminders/planning/reminder-planning.module.js';
import { ReminderQueueModule } from '../reminders/reminder-queue.module.js';
import { UsersModule } from '../users/users.module.js';
import { ActionsController } from './actions.controller.js';
import { ActionsRepository } from './actions.repository.js';
import { ActionsService } from './actions.service.js';

@Module({
  imports: [ReminderPlanningModule, ReminderQueueModule, MissionsModule, AgreementsModule, MeetingsModule, OrganisationsModule, UsersModule],
  controllers: [ActionsController],
  providers: [ActionsService, ActionsRepository],
  exports: [ActionsRepository],
})
export class ActionsModule {}
