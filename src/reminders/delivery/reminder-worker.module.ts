import { Module } from '@nestjs/common';
import { ActionsModule } from '../../actions/actions.module.js';
import { AuditModule } from '../../audit/audit.module.js';
import { UsersModule } from '../../users/users.module.js';
import { Mailer } from './mailer.service.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { ReminderProcessor } from './reminder.processor.js';
import { ReminderSender } from './reminder-sender.service.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { SurveySender } from '../../surveys/delivery/survey-sender.service.js';
import { SurveysModule } from '../../surveys/surveys.module.js';
import { ReminderPlanningModule } from '../planning/reminder-planning.module.js';
import { ReminderQueueModule } from '../reminder-queue.module.js';

/**
 * Sending (reminders and survey messages): only in processes whose role includes the worker.
 * What a message tells of its action, its recipient and who assigned it comes from the actions,
 * users and audit domains.
 */
@Module({
  imports: [ReminderQueueModule, ReminderPlanningModule, ActionsModule, UsersModule, AuditModule, SurveysModule],
  providers: [Mailer, ReminderDeliveryRepository, ReminderSender, SurveySender, ReminderProcessor, ReminderSweeper],
})
export class ReminderWorkerModule {}
