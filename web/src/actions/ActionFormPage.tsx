import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { useMe } from '../auth/me';
import { ACTION_KINDS, ACTION_STATUSES, type Action } from './actions';

export function ActionFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const existing = useQuery({
    queryKey: ['action', id],
    queryFn: () => unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    { name: 'title', label: t('actions.title'), kind: 'text', required: true },
    { name: 'missionId', label: t('actions.mission'), kind: 'ref', ref: 'missions', required: true },
    {
      name: 'kind',
      label: t('actions.kind'),
      kind: 'select',
      required: true,
      options: ACTION_KINDS.map((kind) => ({ value: kind, label: t(`actionKind.${kind}`) })),
    },
    { name: 'dueLabel', label: t('actions.due'), kind: 'due', hint: t('due.hint') },
    { name: 'ownerId', label: t('actions.owner'), kind: 'ref', ref: 'users' },
    { name: 'watcherIds', label: t('actions.watchers'), kind: 'refs', ref: 'users' },
    { name: 'organisationIds', label: t('actions.organisations'), kind: 'refs', ref: 'organisations' },
    {
      name: 'status',
      label: t('actions.status'),
      kind: 'select',
      required: true,
      options: ACTION_STATUSES.map((status) => ({ value: status, label: t(`actionStatus.${status}`) })),
    },
    { name: 'description', label: t('actions.description'), kind: 'textarea' },
    { name: 'outcome', label: t('actions.outcome'), kind: 'textarea' },
  ];
  return (
    <FormPage<Action>
      title={id ? t('actions.edit') : t('actions.new')}
      fields={fields}
      existing={id ? existing : undefined}
      // The signed-in user owns a new follow-up unless changed: an action without owner reaches nobody.
      defaults={{ missionId: params.get('missionId') ?? '', kind: 'follow_up_meeting', status: 'open', ownerId: me?.id ?? '' }}
      create={(body) => unwrap(api.POST('/api/v1/actions', { body: body as never }))}
      update={(action, body) =>
        unwrap(api.PATCH('/api/v1/actions/{id}', { params: { path: { id: action.id } }, body: { ...body, version: action.version } as never }))
      }
      next={(action) => `/actions/${action.id}`}
      invalidates={['actions', 'action', 'reminders', 'summary']}
    />
  );
}
