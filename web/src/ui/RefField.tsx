import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOf, type NamedKind, useNames } from './names';
import { useDebounced } from './useDebounced';

interface Option {
  id: string;
  name: string;
}

async function search(kind: NamedKind, q: string): Promise<Option[]> {
  const items = (await listOf(kind, { limit: 50, ...(q ? { q } : {}) })) as { id: string; name?: string; title?: string }[];
  return items.map((item) => ({ id: item.id, name: item.name ?? item.title ?? item.id }));
}

interface RefFieldProps {
  id: string;
  name: string;
  kind: NamedKind;
  label: string;
  multiple: boolean;
  value: string | string[];
  onChange: (value: string | string[]) => void;
  required?: boolean;
  /** What the empty choice of a single pick reads: "— geen —" in a form, "alle" in a filter. */
  emptyLabel?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** Picks one or more records of another resource, searched on the server as one types. */
export function RefField({ id, name, kind, label, multiple, value, onChange, required, emptyLabel, ...aria }: RefFieldProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const deferred = useDebounced(q.trim(), 250);
  const results = useQuery({ queryKey: ['options', kind, deferred], queryFn: () => search(kind, deferred), staleTime: 30_000 });
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  const names = useNames(kind, selected);
  const options = [
    ...selected.filter((chosen) => !results.data?.some((option) => option.id === chosen)).map((chosen) => ({ id: chosen, name: names[chosen] ?? '…' })),
    ...(results.data ?? []),
  ];

  return (
    <div className="ref-field">
      <input
        type="search"
        aria-label={t('form.searchFor', { label })}
        placeholder={t('form.searchPlaceholder')}
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      {multiple ? (
        <>
          <select
            id={id}
            name={name}
            multiple
            size={Math.min(6, Math.max(3, options.length))}
            value={selected}
            required={required}
            {...aria}
            onChange={(event) => {
              const visible = new Set(options.map((option) => option.id));
              const kept = selected.filter((chosen) => !visible.has(chosen));
              onChange([...kept, ...Array.from(event.target.selectedOptions, (option) => option.value)]);
            }}
          >
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
          {selected.length > 0 && (
            <ul className="chips" aria-label={t('form.chosen', { label })}>
              {selected.map((chosen) => (
                <li key={chosen}>
                  {names[chosen] ?? '…'}
                  <button
                    type="button"
                    aria-label={t('form.remove', { name: names[chosen] ?? '' })}
                    onClick={() => onChange(selected.filter((other) => other !== chosen))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <select id={id} name={name} value={selected[0] ?? ''} required={required} {...aria} onChange={(event) => onChange(event.target.value)}>
          <option value="">{emptyLabel ?? t('form.none')}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
