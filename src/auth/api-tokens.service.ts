import { Injectable, type StreamableFile } from '@nestjs/common';
import { Clock } from '../common/clock.service.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { Page } from '../common/paging.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';
import { ForbiddenError } from './auth-errors.js';
import { type ApiTokenCreateDto, type ApiTokenCreatedDto, type ApiTokenListDto, ApiTokenResponseDto, mapApiToken } from './auth.dto.js';
import type { Authentication } from './auth.service.js';
import { newApiToken } from './token-secrets.js';
import { TokensRepository } from './tokens.repository.js';

/** Personal API tokens: for scripts and integrations, each with an end date and optionally read-only. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly clock: Clock,
    private readonly exporter: ListExporter,
  ) {}

  async create(auth: Authentication, { name, expiresAt, readOnly = false }: ApiTokenCreateDto): Promise<ApiTokenCreatedDto> {
    // Otherwise a leaked token could mint successors and outlive its own end date.
    if (auth.apiTokenId) throw new ForbiddenError('API tokens are made by a signed-in user, not with another API token');
    const expiry = this.checkedExpiry(expiresAt);
    const secret = newApiToken();
    const saved = await this.tokens.insertApiToken({
      userId: auth.actor.userId,
      name,
      prefix: secret.prefix,
      tokenHash: secret.hash,
      readOnly,
      expiresAt: expiry,
    });
    return { ...mapApiToken(saved), token: secret.token };
  }

  async list(userId: string, { limit, offset }: ApiTokenListDto): Promise<Page<ApiTokenResponseDto>> {
    const [rows, total] = await this.tokens.listApiTokens(userId, limit, offset);
    return { items: rows.map(mapApiToken), total, totalIsEstimate: false, limit, offset };
  }

  /** Every live token of the user, as CSV or .xlsx. */
  exportList(userId: string, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'api-tokens',
      dto: ApiTokenResponseDto,
      query: this.tokens.apiTokensQuery(userId),
      toRows: (tokens) => tokens.map(mapApiToken),
    });
  }

  /** Someone else's token is as unknown as one that never existed. */
  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.tokens.revokeApiToken(id, userId, this.clock.now()))) throw new NotFoundError('API token', id);
  }

  private checkedExpiry(expiry: Date): Date {
    const now = this.clock.now();
    const latest = new Date(now);
    latest.setUTCFullYear(latest.getUTCFullYear() + 1);
    const problem = expiry <= now ? 'must be in the future' : expiry > latest ? 'must be at most one year ahead' : undefined;
    if (problem) throw new ValidationFailedError([{ field: 'expiresAt', message: `expiresAt ${problem}` }], `expiresAt ${problem}`);
    return expiry;
  }
}
