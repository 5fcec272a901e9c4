import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { UsersModule } from '../users/users.module.js';
import { ReminderQueueModule } from './reminder-queue.module.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersService } from './reminders.service.js';

/**
 * The reminders API: lists, snooze and skip. It asks the actions and users domains about their
 * rows; planning (ReminderPlanningModule) and sending (ReminderWorkerModule) live apart.
 */
@Module({
  imports: [ReminderQueueModule, ActionsModule, UsersModule],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService],
})
export class RemindersModule {}
