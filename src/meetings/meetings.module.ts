import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MissionsModule } from '../missions/missions.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

@Module({
  imports: [MissionsModule, OrganisationsModule, ContactsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService, MeetingsRepository],
  exports: [MeetingsRepository],
})
export class MeetingsModule {}
