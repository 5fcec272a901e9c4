import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { USER_ROLES, type UserRole } from '../users/user.entity.js';
import { ForbiddenError, UnauthorizedError } from './auth-errors.js';
import { type Authentication, AuthService } from './auth.service.js';
import { ALLOWED_ROLES, IS_PUBLIC } from './roles.decorator.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard on every route that is not public. */
    auth?: Authentication;
  }
}

const READS = new Set(['GET', 'HEAD']);
const WRITERS: readonly UserRole[] = ['admin', 'officer'];

/**
 * Every route needs a bearer token unless it is marked @Public(). Then the role decides:
 * @Roles(...) where a route names them; otherwise reads for everyone signed in and changes
 * for officers and admins. A read-only API token reads only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    const token = bearerToken(request.headers.authorization);
    if (!token) {
      void reply.header('www-authenticate', 'Bearer realm="mission-crm"');
      throw new UnauthorizedError('Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login gives one)');
    }
    let auth: Authentication;
    try {
      auth = await this.auth.authenticate(token);
    } catch (error) {
      if (error instanceof UnauthorizedError) void reply.header('www-authenticate', 'Bearer realm="mission-crm", error="invalid_token"');
      throw error;
    }

    const read = READS.has(request.method);
    if (auth.readOnly && !read) throw new ForbiddenError('This API token is read-only: it may only GET');
    const named = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    const allowed = named ?? (read ? USER_ROLES : WRITERS);
    if (!allowed.includes(auth.actor.role)) {
      throw new ForbiddenError(
        named
          ? `Only ${named.join(' or ')} users may do this; you are ${article(auth.actor.role)}`
          : `A viewer may only read; changes need the officer or admin role`,
      );
    }
    request.auth = auth;
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

const article = (role: UserRole): string => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
