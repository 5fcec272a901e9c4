import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** A policy field is left out for the default, never null: null is no number of days. */
const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** When an action's reminders fire, relative to its due window. */
export interface ReminderPolicy {
  /** Heads-up this many days before the window opens. */
  headsUpDays: number;
  /** "Due soon" this many days before the window closes. */
  dueSoonDays: number;
  /** "Overdue" repeats every this many days after the window closed… */
  overdueEveryDays: number;
  /** …at most this many times. */
  overdueMaxRepeats: number;
  /** Escalation to the mission's responsible officer when still overdue this many days after the window closed. */
  escalateAfterDays: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  headsUpDays: 14,
  dueSoonDays: 3,
  overdueEveryDays: 7,
  overdueMaxRepeats: 4,
  escalateAfterDays: 14,
});

/** Reminders go out at this hour, in the recipient's time zone, on working days (Monday to Friday). */
export const SEND_HOUR = 9;
/** A reminder that is already late goes out at the next full hour of the working day, which ends at this hour. */
export const WORKING_DAY_END_HOUR = 17;

/** Per-action overrides of the default policy; what is left out keeps the default. */
export class ReminderPolicyDto implements Partial<ReminderPolicy> {
  @ApiPropertyOptional({ minimum: 0, maximum: 365, default: DEFAULT_REMINDER_POLICY.headsUpDays })
  @Omittable()
  @IsInt({ message: '$property must be a whole number of days; leave it out for the default' })
  @Min(0)
  @Max(365)
  headsUpDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 90, default: DEFAULT_REMINDER_POLICY.dueSoonDays })
  @Omittable()
  @IsInt({ message: '$property must be a whole number of days; leave it out for the default' })
  @Min(0)
  @Max(90)
  dueSoonDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: DEFAULT_REMINDER_POLICY.overdueEveryDays })
  @Omittable()
  @IsInt({ message: '$property must be a whole number of days; leave it out for the default' })
  @Min(1)
  @Max(90)
  overdueEveryDays?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 52, default: DEFAULT_REMINDER_POLICY.overdueMaxRepeats })
  @Omittable()
  @IsInt({ message: '$property must be a whole number of days; leave it out for the default' })
  @Min(0)
  @Max(52)
  overdueMaxRepeats?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: DEFAULT_REMINDER_POLICY.escalateAfterDays })
  @Omittable()
  @IsInt({ message: '$property must be a whole number of days; leave it out for the default' })
  @Min(1)
  @Max(365)
  escalateAfterDays?: number;
}

/** The defaults with the overrides given; a null stored before nulls were refused counts as left out. */
export const effectivePolicy = (overrides: Partial<ReminderPolicy> | null | undefined): ReminderPolicy => ({
  ...DEFAULT_REMINDER_POLICY,
  ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => typeof value === 'number')),
});
