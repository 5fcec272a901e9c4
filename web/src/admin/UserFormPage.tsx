import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { USER_ROLES } from './UsersPage';

/** For a user made without a password: an e-mail with a link to choose one. */
function InviteButton({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const invite = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/invitations', { body: { userId } })) });
  return (
    <div className="card">
      <button type="button" onClick={() => invite.mutate()} disabled={invite.isPending}>
        {t('users.invite')}
      </button>
      {invite.isSuccess && <p role="status">{t('users.invited')}</p>}
      {invite.isError && (
        <p role="alert" className="error">
          {t('state.failed')}
        </p>
      )}
    </div>
  );
}

type User = Schemas['UserResponseDto'];

export function UserFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['user', id],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    { name: 'name', label: t('users.name'), kind: 'text', required: true },
    { name: 'email', label: t('users.email'), kind: 'email', required: true },
    { name: 'role', label: t('users.role'), kind: 'select', required: true, options: USER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })) },
    {
      name: 'language',
      label: t('users.language'),
      kind: 'select',
      required: true,
      options: ['nl', 'en'].map((language) => ({ value: language, label: t(`languages.${language}`) })),
    },
    { name: 'timeZone', label: t('users.timeZone'), kind: 'text', required: true, hint: t('missions.timeZoneHint') },
    {
      name: 'reminderMode',
      label: t('users.reminderMode'),
      kind: 'select',
      required: true,
      options: ['each', 'digest'].map((mode) => ({ value: mode, label: t(`reminderMode.${mode}`) })),
    },
    { name: 'password', label: id ? t('users.newPassword') : t('users.password'), kind: 'password', hint: t('users.passwordHint') },
  ];
  return (
    <>
      <FormPage<User>
        title={id ? t('users.edit') : t('users.new')}
        fields={fields}
        existing={id ? existing : undefined}
        defaults={{ role: 'officer', language: 'nl', timeZone: 'Europe/Brussels', reminderMode: 'each' }}
        create={(body) => unwrap(api.POST('/api/v1/users', { body: body as never }))}
        update={(user, body) =>
          unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { ...body, version: user.version } as never }))
        }
        next={() => '/users'}
        invalidates={['users', 'user', 'records', 'options', 'me']}
      />
      {id && <InviteButton userId={id} />}
    </>
  );
}
