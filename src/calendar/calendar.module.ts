import { Module } from '@nestjs/common';
import { CalendarController, CalendarFeedController } from './calendar.controller.js';
import { CalendarRepository } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';

@Module({ controllers: [CalendarFeedController, CalendarController], providers: [CalendarService, CalendarRepository] })
export class CalendarModule {}
