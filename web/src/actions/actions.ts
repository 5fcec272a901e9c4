import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Action = Schemas['ActionResponseDto'];
// Partial: the document marks fields with a default as required, though a PATCH needs none of them.
export type ActionChange = Partial<Schemas['ActionUpdateDto']>;

export const OPEN_STATUSES = ['open', 'in_progress', 'postponed'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled', 'postponed'] as const;
export const ACTION_KINDS = [
  'visit',
  'signing',
  'mission',
  'state_visit',
  'webinar',
  'info_session',
  'follow_up_meeting',
  'survey',
  'report',
  'other',
] as const;

/** PATCHes an action with its version (a stale one is a 409) and refreshes every list that may show it. */
export function useChangeAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, change }: { action: Pick<Action, 'id' | 'version'>; change: Omit<ActionChange, 'version'> }) =>
      unwrap(
        api.PATCH('/api/v1/actions/{id}', { params: { path: { id: action.id } }, body: { ...change, version: action.version } as Schemas['ActionUpdateDto'] }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['action', updated.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['actions'] });
      await queryClient.invalidateQueries({ queryKey: ['action', updated.id] });
      await queryClient.invalidateQueries({ queryKey: ['reminders'] });
      await queryClient.invalidateQueries({ queryKey: ['summary'] });
      await queryClient.invalidateQueries({ queryKey: ['history', 'actions', updated.id] });
      await queryClient.invalidateQueries({ queryKey: ['report'] });
    },
  });
}
