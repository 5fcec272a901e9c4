import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({ controllers: [ImportsController], providers: [ImportsService, ImportsRepository] })
export class ImportsModule {}
