import { Module } from '@nestjs/common';
import { TokensModule } from '../auth/tokens.module.js';
import { ReminderPlanningModule } from '../reminders/planning/reminder-planning.module.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TokensModule, ReminderPlanningModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository],
  exports: [UsersRepository],
})
export class UsersModule {}
