import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { useDebounced } from '../ui/useDebounced';

interface DueInputProps {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  autoFocus?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A fuzzy due date ("najaar 2027", "early November 2023", "2024-Q3") with the window the API reads in it, while one types. */
export function DueInput({ id, value, onChange, ...rest }: DueInputProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useDebounced(value.trim(), 300);
  const parsed = useQuery({
    queryKey: ['due-window', label],
    queryFn: () => unwrap(api.GET('/api/v1/actions/due-window', { params: { query: { dueLabel: label } } })),
    enabled: label !== '',
    retry: false,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const previewId = `${id}-window`;
  const describedBy = [rest['aria-describedby'], previewId].filter(Boolean).join(' ');
  // Said once the answer for what was typed is in, not at every keystroke.
  const settled = label === value.trim() && !parsed.isFetching;
  // Once the form shows the API's error beside the field (aria-invalid), that error says it: said here too, it read twice.
  const notUnderstood = parsed.error instanceof ApiError && parsed.error.status === 400 && !rest['aria-invalid'];
  const preview =
    value.trim() === ''
      ? t('due.examples')
      : !settled
        ? null
        : parsed.data && !parsed.isError
          ? t('due.window', { window: format.window(parsed.data.dueFrom, parsed.data.dueTo) })
          : notUnderstood
            ? t('due.notUnderstood')
            : '';
  return (
    <>
      <input
        {...rest}
        id={id}
        type="text"
        value={value}
        aria-describedby={describedBy}
        placeholder={t('due.placeholder')}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={previewId} className="due-preview" aria-live="polite">
        {preview}
      </p>
    </>
  );
}
