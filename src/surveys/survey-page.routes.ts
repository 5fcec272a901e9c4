import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock.service.js';
import { DomainError, ERROR_STATUS } from '../common/errors.js';
import { AttemptCounter } from '../auth/login-rate-limit.service.js';
import { fieldProblem, renderSurveyPage, renderSurveyProblem, renderSurveyTooMany } from './survey-page.js';
import type { ContactLanguage } from '../contacts/contact.entity.js';
import { SURVEY_LIMIT_PER_ADDRESS } from './survey-rate-limit.service.js';
import { SurveyAnswerDto } from './surveys.dto.js';
import { SurveysService } from './surveys.service.js';

/** A form field as a JSON value: digits become a number, "true"/"false" booleans, an empty choice nothing. */
export function fromForm(body: unknown): Record<string, unknown> {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const answer: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === '' && name !== 'comment') continue;
    if (name === 'score' && typeof value === 'string' && /^\d+$/.test(value)) answer.score = Number(value);
    else if ((name === 'wouldJoinAgain' || name === 'b2bUseful') && (value === 'true' || value === 'false')) answer[name] = value === 'true';
    else answer[name] = value;
  }
  return answer;
}

/** The first of Dutch or English the browser asks for (Accept-Language), if any. */
export function preferredLanguage(header: string | string[] | undefined): ContactLanguage | undefined {
  const ranked = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { language: tag.split('-')[0], q: q ? Number(q[1]) : 1 };
    })
    .filter((entry) => (entry.language === 'nl' || entry.language === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.language as ContactLanguage | undefined;
}

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * The page a personal survey link opens, PUBLIC_URL/survey/{token}: plain HTML in the contact's
 * language, no scripts or assets; its form posts back to the same address and goes through the
 * same service as POST /api/v1/survey/{token}. It lives outside /api, beside the dashboard, so its
 * routes are added to the HTTP server by name at start (a named route wins over the dashboard's
 * catch-all); a Nest controller could not have it, since the API's own /survey/{token} takes that
 * path under the global prefix. Limited per client address like the API's survey routes.
 */
@Injectable()
export class SurveyPageRoutes implements OnApplicationBootstrap {
  private readonly byAddress = new AttemptCounter(SURVEY_LIMIT_PER_ADDRESS);

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly surveys: SurveysService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    // A worker process has no HTTP server.
    if (!fastify || typeof fastify.get !== 'function') return;
    fastify.get('/survey/:token', (request: TokenRequest, reply) => this.guarded(request, reply, () => this.show(request.params.token, reply)));
    fastify.post('/survey/:token', (request: TokenRequest, reply) =>
      this.guarded(request, reply, () => this.submit(request.params.token, request.body, reply)),
    );
  }

  private async guarded(request: FastifyRequest, reply: FastifyReply, handle: () => Promise<void>): Promise<void> {
    const wait = this.byAddress.hit(request.ip, this.clock.now().getTime());
    if (wait > 0) {
      await send(reply.header('retry-after', String(wait)), 429, renderSurveyTooMany(wait, preferredLanguage(request.headers['accept-language'])));
      return;
    }
    try {
      await handle();
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'gone' || error.code === 'not_found')) {
        await send(reply, ERROR_STATUS[error.code], renderSurveyProblem(error.code === 'gone' ? 'gone' : 'unknown'));
        return;
      }
      throw error;
    }
  }

  private async show(token: string, reply: FastifyReply): Promise<void> {
    await send(reply, 200, renderSurveyPage(await this.surveys.form(token)));
  }

  private async submit(token: string, body: unknown, reply: FastifyReply): Promise<void> {
    const input = plainToInstance(SurveyAnswerDto, fromForm(body));
    const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      // In the page's words, one line per field; class-validator's messages are the API's (English).
      const form = await this.surveys.form(token);
      const problems = [...new Set(errors.map((error) => fieldProblem(error.property, form.language)))];
      await send(reply, 400, renderSurveyPage(form, { problems }));
      return;
    }
    await this.surveys.answer(token, input);
    await send(reply, 201, renderSurveyPage(await this.surveys.form(token), { thanks: true }));
  }
}

async function send(reply: FastifyReply, status: number, html: string): Promise<void> {
  await reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
