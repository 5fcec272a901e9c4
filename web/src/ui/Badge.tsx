import { useTranslation } from 'react-i18next';

export function StatusBadge({ status, kind = 'actionStatus' }: { status: string; kind?: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`${kind}.${status}`)}</span>;
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-overdue">{t('actions.overdue')}</span>;
}
