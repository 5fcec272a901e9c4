import { Module } from '@nestjs/common';
import { Mailer } from './mailer.js';
import { ReminderProcessor } from './reminder.processor.js';
import { ReminderSender } from './reminder-sender.js';
import { ReminderSweeper } from './reminder-sweeper.js';
import { RemindersModule } from './reminders.module.js';

/** Sending: only in processes whose role includes the worker. */
@Module({
  imports: [RemindersModule],
  providers: [Mailer, ReminderSender, ReminderProcessor, ReminderSweeper],
})
export class ReminderWorkerModule {}
