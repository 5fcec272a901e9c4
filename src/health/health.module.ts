import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RemindersModule } from '../reminders/reminders.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [TerminusModule, RemindersModule], controllers: [HealthController] })
export class HealthModule {}
