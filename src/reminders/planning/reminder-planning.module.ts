import { Module } from '@nestjs/common';
import { ReminderPlanner } from './reminder-planner.service.js';
import { ReminderPlanningRepository } from './reminder-planning.repository.js';

/**
 * Planning, inside the transaction of the change that calls for it: an action's (the planner)
 * or a user's who leaves (the hand-over); the sweep's digests. Imports no domain, so that the
 * domains it serves (actions, users) can import it.
 */
@Module({ providers: [ReminderPlanningRepository, ReminderPlanner], exports: [ReminderPlanningRepository, ReminderPlanner] })
export class ReminderPlanningModule {}
