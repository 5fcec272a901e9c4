import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator.js';
import { ErrorResponseDto } from '../common/error-response.dto.js';
import { DomainError } from '../common/errors.js';
import { ReminderQueue } from '../reminders/reminder-queue.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queue: ReminderQueue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'The process can serve requests: the database and the queue answer' })
  @ApiOkResponse({ description: 'Each check with its status; the queue with its job counts' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'not_ready: a check failed; details name each one and why' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.queueCheck()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // In the common error body, so that whoever reads it sees what is down and why.
      const failed = Object.entries((error.getResponse() as HealthCheckResult).error ?? {});
      throw new DomainError(
        'not_ready',
        `Not ready: ${failed.map(([name]) => name).join(' and ')} down`,
        failed.map(([name, info]) => ({ field: name, message: typeof info?.message === 'string' ? info.message : 'down' })),
      );
    }
  }

  private async queueCheck() {
    const indicator = this.indicators.check('queue');
    try {
      const counts = await Promise.race([
        this.queue.health(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the queue did not answer within 3 s')), 3000).unref()),
      ]);
      return indicator.up(counts);
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
