import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { ListPage } from '../ui/ListPage';

type User = Schemas['UserResponseDto'];
export const USER_ROLES = ['admin', 'officer', 'viewer'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <ListPage<User>
      title={t('users.title')}
      queryKey="users"
      filters={[
        { name: 'q', label: t('filters.search') },
        { name: 'role', label: t('users.role'), options: USER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })) },
      ]}
      fetch={(query) => unwrap(api.GET('/api/v1/users', { params: { query: { sort: 'name', ...query } } }))}
      newLink={{ to: '/users/new', label: t('users.new') }}
      exportPath="users"
      empty={t('users.none')}
      rowKey={(user) => user.id}
      columns={[
        { header: t('users.name'), cell: (user) => <Link to={`/users/${user.id}/edit`}>{user.name}</Link> },
        { header: t('users.email'), cell: (user) => user.email },
        { header: t('users.role'), cell: (user) => t(`roles.${user.role}`) },
        { header: t('users.language'), cell: (user) => t(`languages.${user.language}`) },
        { header: t('users.timeZone'), cell: (user) => user.timeZone },
        { header: t('users.reminderMode'), cell: (user) => t(`reminderMode.${user.reminderMode}`) },
      ]}
    />
  );
}
