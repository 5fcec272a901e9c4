import { useTranslation } from 'react-i18next';

/**
 * Previous / next over a server-side page; the list itself is filtered and paged by the API.
 * At either end the button says so (aria-disabled) but stays focusable, so focus is not lost
 * when one pages to the last page.
 */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  const atStart = offset === 0;
  const atEnd = last >= total;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" aria-disabled={atStart} onClick={() => !atStart && onOffset(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span aria-live="polite">{t('pager.range', { first: total === 0 ? 0 : offset + 1, last, total })}</span>
      <button type="button" aria-disabled={atEnd} onClick={() => !atEnd && onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
