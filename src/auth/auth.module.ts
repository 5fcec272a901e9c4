import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '../config/environment.js';
import { ActorInterceptor } from './actor.interceptor.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { LocalDatesInterceptor } from './local-dates.interceptor.js';
import { LoginRateLimitGuard } from './login-rate-limit.service.js';
import { Mailer } from '../reminders/delivery/mailer.service.js';
import { UsersModule } from '../users/users.module.js';
import { PasswordTokensService } from './password-tokens.service.js';
import { TokensModule } from './tokens.module.js';

/**
 * Sign-in and tokens, and the guard that protects every route of the application
 * (registered here as the global guard, with the interceptor that publishes the actor).
 */
@Module({
  imports: [
    TokensModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: async (environment: Environment) => ({
        // A key object made once: given a string, jsonwebtoken makes one on every sign and verify.
        secret: createSecretKey(Buffer.from(await resolveJwtSecret(environment), 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    ApiTokensService,
    PasswordTokensService,
    // Its own instance: invitations and resets are sent from the API process, reminders from workers.
    Mailer,
    LoginRateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ActorInterceptor },
    { provide: APP_INTERCEPTOR, useClass: LocalDatesInterceptor },
  ],
})
export class AuthModule {}
