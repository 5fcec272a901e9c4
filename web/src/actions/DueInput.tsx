import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';

interface DueInputProps {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A fuzzy due date ("najaar 2027", "early November 2023", "2024-Q3") with the window the API reads in it, while one types. */
export function DueInput({ id, value, onChange, ...rest }: DueInputProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useDeferredValue(value.trim());
  const parsed = useQuery({
    queryKey: ['due-window', label],
    queryFn: () => unwrap(api.GET('/api/v1/actions/due-window', { params: { query: { dueLabel: label } } })),
    enabled: label !== '',
    retry: false,
    staleTime: Infinity,
  });
  const previewId = `${id}-window`;
  const describedBy = [rest['aria-describedby'], previewId].filter(Boolean).join(' ');
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
        {label === ''
          ? t('due.examples')
          : parsed.data
            ? t('due.window', { window: format.window(parsed.data.dueFrom, parsed.data.dueTo) })
            : parsed.error instanceof ApiError && parsed.error.status === 400
              ? t('due.notUnderstood')
              : ''}
      </p>
    </>
  );
}
