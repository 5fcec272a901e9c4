import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/** The API pages no deeper than this offset (MAX_OFFSET): past it, filters narrow a list. */
const DEEPEST_OFFSET = 10_000;

/**
 * Previous / next over a server-side page; the list itself is filtered and paged by the API.
 * At either end the button says so (aria-disabled) but stays focusable, so focus is not lost
 * when one pages to the last page.
 */
export function Pager({
  total,
  totalIsEstimate = false,
  limit,
  offset,
  onOffset,
}: {
  total: number;
  /** The API's total of a very long list is an estimate: it reads "about N". */
  totalIsEstimate?: boolean;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  const atStart = offset === 0;
  const atEnd = last >= total || offset + limit > DEEPEST_OFFSET;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" aria-disabled={atStart} onClick={() => !atStart && onOffset(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span aria-live="polite">
        {totalIsEstimate
          ? t('pager.rangeEstimate', { first: offset + 1, last, total: format.number(total) })
          : t('pager.range', { first: total === 0 ? 0 : offset + 1, last, total })}
      </span>
      <button type="button" aria-disabled={atEnd} onClick={() => !atEnd && onOffset(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
