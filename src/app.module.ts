import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { ActionsModule } from './actions/actions.module.js';
import { AgreementsModule } from './agreements/agreements.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CommonModule } from './common/common.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Environment } from './config/environment.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { ExportsModule } from './exports/exports.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { HealthModule } from './health/health.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MissionsModule } from './missions/missions.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ParticipantsModule } from './participants/participants.module.js';
import type { QueueBackend } from './queue/queue-backend.js';
import { QueueModule } from './queue/queue.module.js';
import { ReminderWorkerModule } from './reminders/delivery/reminder-worker.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  /** `logDestination`: where the log goes instead of standard output (tests read it there). */
  static register(environment: Environment, databaseUrl: string, queue: QueueBackend, logDestination?: DestinationStream): DynamicModule {
    const worker = environment.ROLE === 'worker' || environment.ROLE === 'all';
    const logging: PinoHttpOptions = {
      level: environment.LOG_LEVEL,
      // Request bodies are not logged; should they ever be, passwords and tokens stay out.
      // A failed query's parameters can hold a password hash or a token hash.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'req.body.password',
          'req.body.currentPassword',
          'req.body.newPassword',
          'req.body.refreshToken',
          'err.parameters',
          'err.cause.parameters',
        ],
        censor: '[redacted]',
      },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    };
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggerModule.forRoot({ pinoHttp: logDestination ? [logging, logDestination] : logging, forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }] }),
        TypeOrmModule.forRoot(dataSourceOptions({ url: databaseUrl, poolSize: environment.DATABASE_POOL_SIZE })),
        QueueModule.register(queue),
        CommonModule,
        ExportsModule,
        // Sign-in and the global guard; API processes only (a worker serves no HTTP and signs nothing).
        ...(environment.ROLE === 'worker' ? [] : [AuthModule]),
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
        ReportsModule,
        SurveysModule,
        AuditModule,
        ImportsModule,
        CalendarModule,
        ...(worker ? [ReminderWorkerModule] : []),
      ],
    };
  }
}
