import { Module } from '@nestjs/common';
import { MissionsModule } from '../missions/missions.module.js';
import { ParticipantsModule } from '../participants/participants.module.js';
import { ReminderQueueModule } from '../reminders/reminder-queue.module.js';
import { SurveyMessagesRepository } from './delivery/survey-messages.repository.js';
import { SurveyPageRoutes } from './survey-page.routes.js';
import { SurveyRateLimitGuard } from './survey-rate-limit.service.js';
import { SurveysController } from './surveys.controller.js';
import { SurveysRepository } from './surveys.repository.js';
import { SurveysService } from './surveys.service.js';

/** The satisfaction survey: opening it, its public link and page, its progress. Its e-mails are sent by the reminder workers. */
@Module({
  imports: [MissionsModule, ParticipantsModule, ReminderQueueModule],
  controllers: [SurveysController],
  providers: [SurveysRepository, SurveysService, SurveyMessagesRepository, SurveyRateLimitGuard, SurveyPageRoutes],
  exports: [SurveyMessagesRepository],
})
export class SurveysModule {}
