import { Module } from '@nestjs/common';
import { ReminderPlanner } from './reminder-planner.js';
import { ReminderQueue } from './reminder-queue.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/** Planning reminders with every change of an action, and the reminders API; no sending here. */
@Module({
  controllers: [RemindersController],
  providers: [RemindersRepository, ReminderPlanner, ReminderQueue, RemindersService],
  exports: [RemindersRepository, ReminderPlanner, ReminderQueue],
})
export class RemindersModule {}
