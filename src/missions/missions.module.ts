import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { UsersModule } from '../users/users.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { MissionsController } from './missions.controller.js';
import { MissionsRepository } from './missions.repository.js';
import { MissionsService } from './missions.service.js';

@Module({
  imports: [ReportsModule, ContactsModule, UsersModule],
  controllers: [MissionsController],
  providers: [MissionsService, MissionsRepository],
  exports: [MissionsRepository],
})
export class MissionsModule {}
