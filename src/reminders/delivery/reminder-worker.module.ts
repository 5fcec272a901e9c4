import { Module } from '@nestjs/common';
import { Mailer } from './mailer.service.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { ReminderProcessor } from './reminder.processor.js';
import { ReminderSender } from './reminder-sender.service.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import { SurveySender } from '../../surveys/delivery/survey-sender.service.js';
import { SurveysModule } from '../../surveys/surveys.module.js';
import { RemindersModule } from '../reminders.module.js';

/** Sending (reminders and survey messages): only in processes whose role includes the worker. */
@Module({
  imports: [RemindersModule, SurveysModule],
  providers: [Mailer, ReminderDeliveryRepository, ReminderSender, SurveySender, ReminderProcessor, ReminderSweeper],
})
export class ReminderWorkerModule {}
