import { Module } from '@nestjs/common';
import { ReminderPlanner } from './planning/reminder-planner.service.js';
import { ReminderQueue } from './reminder-queue.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersRepository } from './reminders.repository.js';
import { ReminderPlanningRepository } from './planning/reminder-planning.repository.js';
import { RemindersService } from './reminders.service.js';

/** Planning reminders with every change of an action, and the reminders API; no sending here. */
@Module({
  controllers: [RemindersController],
  providers: [RemindersRepository, ReminderPlanningRepository, ReminderPlanner, ReminderQueue, RemindersService],
  exports: [ReminderPlanningRepository, ReminderPlanner, ReminderQueue],
})
export class RemindersModule {}
