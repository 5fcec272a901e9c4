import { Module } from '@nestjs/common';
import { ReminderQueue } from './reminder-queue.service.js';

/** The wake-ups of the reminder workers: queued after a commit by the API (actions, reminders, surveys) and by the workers themselves. */
@Module({ providers: [ReminderQueue], exports: [ReminderQueue] })
export class ReminderQueueModule {}
