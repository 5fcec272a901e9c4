import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator.js';
import { ReminderQueue } from '../reminders/reminder-queue.js';

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
  @HealthCheck()
  @ApiOperation({ summary: 'The process can serve requests: the database and the queue answer' })
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.queueCheck()]);
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
