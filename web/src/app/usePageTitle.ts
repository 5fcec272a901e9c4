import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The window's title names the page, for the tab strip, the history and screen readers. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
