import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Reminder, reminderFromRow } from '../reminder.entity.js';
import { DeliveryRows } from './delivery-rows.js';

/**
 * Delivery's reads and writes of reminders, in the worker: the claim and its outcome. What a
 * message tells of its action, recipient and assigner, the actions, users and audit repositories answer.
 */
@Injectable()
export class ReminderDeliveryRepository extends DeliveryRows<Reminder> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, 'reminders', reminderFromRow);
  }
}
