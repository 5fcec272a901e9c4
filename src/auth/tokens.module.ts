import { Module } from '@nestjs/common';
import { SessionCheck } from './session-check.service.js';
import { TokensRepository } from './tokens.repository.js';

/**
 * The stored credentials (refresh and API tokens), on their own so that the users domain can
 * end a user's sessions without loading sign-in and the request guard (a worker has neither).
 */
@Module({
  providers: [TokensRepository, SessionCheck],
  exports: [TokensRepository, SessionCheck],
})
export class TokensModule {}
