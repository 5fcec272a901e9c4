import type { TFunction } from 'i18next';
import { ApiError } from './client';
import { readMessage } from './messages';

/** What to tell the user about a failed call, in their language: the first field message, or the error itself. */
export function describeFailure(error: unknown, t: TFunction, language: string): string {
  if (!(error instanceof ApiError)) return t('state.failed');
  if (error.body?.code === 'stale_version') return t('form.stale');
  if (error.status === 403) return t('state.forbidden');
  if (error.status === 429) return t('signIn.tooMany');
  if (error.status >= 500) return t('state.failed');
  const first = Object.values(error.fieldErrors)[0] ?? error.body?.message;
  return first ? readMessage(first, t, language) : t('state.failed');
}
