import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module.js';
import { ActionsController } from './actions.controller.js';
import { ActionsRepository } from './actions.repository.js';
import { ActionsService } from './actions.service.js';

@Module({
  imports: [RemindersModule],
  controllers: [ActionsController],
  providers: [ActionsService, ActionsRepository],
  exports: [ActionsRepository, ActionsService],
})
export class ActionsModule {}
