import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ActionsModule } from './actions/actions.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { CommonModule } from './common/common.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Environment } from './config/environment.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MissionsModule } from './missions/missions.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import type { QueueBackend } from './queue/queue-backend.js';
import { QueueModule } from './queue/queue.module.js';
import { ReminderWorkerModule } from './reminders/reminder-worker.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static register(environment: Environment, databaseUrl: string, queue: QueueBackend): DynamicModule {
    const worker = environment.ROLE === 'worker' || environment.ROLE === 'all';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggerModule.forRoot({
          pinoHttp: {
            level: environment.LOG_LEVEL,
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
            customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions({ url: databaseUrl, poolSize: environment.DATABASE_POOL_SIZE })),
        QueueModule.register(queue),
        CommonModule,
        HealthModule,
        UsersModule,
        OrganisationsModule,
        ContactsModule,
        MissionsModule,
        ParticipantsModule,
        MeetingsModule,
        AgreementsModule,
        ActionsModule,
        RemindersModule,
        ...(worker ? [ReminderWorkerModule] : []),
      ],
    };
  }
}
