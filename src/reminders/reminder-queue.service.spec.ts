import { describe, expect, it } from '@jest/globals';
import { wakeUpJobId } from './reminder-queue.service.js';

describe('wakeUpJobId', () => {
  const reminder = { id: '6f1c2a9e-3b7d-4c55-9a1e-2d4f8b0c7e11', fireAt: new Date('2024-02-16T08:00:00Z'), attempts: 0 };
  const fireAt = reminder.fireAt.getTime();
  const lease = 120_000;

  it('is the same for the planner and every sweep until the reminder is a lease late', () => {
    const planned = wakeUpJobId(reminder, fireAt - 86_400_000, lease);
    expect(planned).toBe(`reminder-${reminder.id}-${fireAt}-0`);
    expect(wakeUpJobId(reminder, fireAt, lease)).toBe(planned);
    expect(wakeUpJobId(reminder, fireAt + lease - 1, lease)).toBe(planned);
  });

  it('changes once per lease after that, so a stuck job cannot swallow the wake-up', () => {
    expect(wakeUpJobId(reminder, fireAt + lease, lease)).toBe(`reminder-${reminder.id}-${fireAt}-0-late1`);
    expect(wakeUpJobId(reminder, fireAt + 2 * lease - 1, lease)).toBe(`reminder-${reminder.id}-${fireAt}-0-late1`);
    expect(wakeUpJobId(reminder, fireAt + 2 * lease, lease)).toBe(`reminder-${reminder.id}-${fireAt}-0-late2`);
  });

  it('differs per attempt, so a retry is a job of its own', () => {
    expect(wakeUpJobId({ ...reminder, attempts: 2 }, fireAt, lease)).toBe(`reminder-${reminder.id}-${fireAt}-2`);
  });

  it('is a valid BullMQ job id: no colon, not all digits', () => {
    for (const now of [fireAt, fireAt + 5 * lease]) {
      const id = wakeUpJobId(reminder, now, lease);
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
  });
});
