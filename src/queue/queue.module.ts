import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type QueueBackend, useQueueBackend } from './queue-backend.js';
import { QueueName } from './queue.constants.js';

/**
 * The queues, on the backend chosen at start. Built at run time (not in a decorator):
 * @nestjs/bullmq fixes the Queue class when a queue is registered.
 */
@Global()
@Module({})
export class QueueModule {
  static register(backend: QueueBackend): DynamicModule {
    useQueueBackend(backend);
    const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: backend.connection as never }), queues],
      exports: [queues],
    };
  }
}
