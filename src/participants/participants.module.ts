import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MissionsModule } from '../missions/missions.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsRepository } from './participants.repository.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  imports: [MissionsModule, OrganisationsModule, ContactsModule],
  controllers: [ParticipantsController],
  providers: [ParticipantsService, ParticipantsRepository],
  exports: [ParticipantsRepository],
})
export class ParticipantsModule {}
