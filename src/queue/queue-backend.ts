import { BullModule } from '@nestjs/bullmq';
import { Queue, Worker, createPostgresBackend, runMigrations, withBackend, type ConnectionOptions } from 'bullmq';
import pg from 'pg';

export type QueueBackendName = 'postgres' | 'redis';

/** The BullMQ schema in the service's own database, when the queue runs on PostgreSQL. */
export const BULLMQ_SCHEMA = 'bullmq';

export interface QueueBackend {
  name: QueueBackendName;
  connection: ConnectionOptions | string | { connectionString: string; schema: string; max: number };
}

/** Redis when REDIS_URL is set; otherwise the PostgreSQL database the service already has. */
export function chooseQueueBackend(databaseUrl: string, redisUrl: string | undefined): QueueBackend {
  if (redisUrl) {
    const url = new URL(redisUrl);
    return {
      name: 'redis',
      connection: {
        host: url.hostname,
        port: Number(url.port || 6379),
        username: url.username || undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
        tls: url.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null,
      },
    };
  }
  return { name: 'postgres', connection: { connectionString: databaseUrl, schema: BULLMQ_SCHEMA, max: 5 } };
}

/**
 * Makes @nestjs/bullmq build its queues and workers on the chosen backend. BullModule
 * takes the classes as a process-wide setting, so it is set on every start.
 */
export function useQueueBackend(backend: QueueBackend): void {
  if (backend.name === 'postgres') {
    const classes = withBackend(createPostgresBackend);
    BullModule.queueClass = classes.Queue;
    BullModule.workerClass = classes.Worker;
  } else {
    BullModule.queueClass = Queue;
    BullModule.workerClass = Worker;
  }
}

/** Creates or upgrades BullMQ's own schema (idempotent, safe when several processes start at once). */
export async function migrateQueueSchema(backend: QueueBackend, databaseUrl: string): Promise<void> {
  if (backend.name !== 'postgres') return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client, BULLMQ_SCHEMA);
  } finally {
    await client.end();
  }
}
