import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ReminderQueueModule } from '../reminders/reminder-queue.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [TerminusModule, ReminderQueueModule], controllers: [HealthController] })
export class HealthModule {}
