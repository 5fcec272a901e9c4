// Pure rules of the home page, free of the API client so they are tested on their own.

/** What the headings look at in an action. */
export interface DueState {
  overdue: boolean;
  dueFrom?: string | null;
  dueTo?: string | null;
}

export type FollowUpGroup = 'overdue' | 'soon' | 'later' | 'undated';
export const FOLLOW_UP_GROUPS: FollowUpGroup[] = ['overdue', 'soon', 'later', 'undated'];
/** "Due soon": the window opens within this many days. */
export const SOON_DAYS = 14;

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Which heading of "my follow-ups" an open action stands under, judged on `today`. */
export function followUpGroup(action: DueState, today: string): FollowUpGroup {
  if (action.overdue) return 'overdue';
  if (!action.dueFrom || !action.dueTo) return 'undated';
  return action.dueFrom <= addDays(today, SOON_DAYS) ? 'soon' : 'later';
}
