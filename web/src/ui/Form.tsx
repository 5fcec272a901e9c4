import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { fieldErrorKey, readMessage } from '../api/messages';
import { DueInput } from '../actions/DueInput';
import { isoToZoned, zonedToIso } from '../i18n/format';
import { RefField } from './RefField';
import type { NamedKind } from './names';

export type FieldKind = 'text' | 'email' | 'password' | 'textarea' | 'number' | 'date' | 'datetime' | 'select' | 'list' | 'ref' | 'refs' | 'due';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: { value: string; label: string }[];
  ref?: NamedKind;
  hint?: string;
  /** For datetime fields: the zone the wall-clock time is in. */
  timeZone?: string;
}

export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

/** A text field of a submitted form ('' when absent or a file). */
export const formText = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The form's text for an API value. */
export function toFormValue(field: FieldSpec, value: unknown): FormValue {
  if (value === null || value === undefined) return field.kind === 'refs' ? [] : '';
  if (field.kind === 'refs') return value as string[];
  if (field.kind === 'list') return (value as string[]).join(', ');
  if (field.kind === 'datetime') return isoToZoned(value as string, field.timeZone ?? 'UTC');
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : (value as string);
}

/** The API value of a form text: empty optional fields are null, lists are split, numbers read. */
export function toApiValue(field: FieldSpec, value: FormValue): unknown {
  if (Array.isArray(value)) return value;
  const text = value.trim();
  if (field.kind === 'list')
    return text
      .split(/[,;]/)
      .map((item) => item.trim())
      .filter(Boolean);
  if (text === '') return null;
  if (field.kind === 'number') return Number(text);
  if (field.kind === 'datetime') return zonedToIso(text, field.timeZone ?? 'UTC');
  return text;
}

/** The fields to send: all given ones on create, the changed ones on edit. */
export function payload(fields: FieldSpec[], values: FormValues, initial?: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (initial) {
      if (JSON.stringify(value) === JSON.stringify(initial[field.name])) continue;
    } else if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    body[field.name] = toApiValue(field, value);
  }
  return body;
}

interface ResourceFormProps {
  fields: FieldSpec[];
  initial: FormValues;
  submitLabel: string;
  onSubmit: (values: FormValues) => Promise<unknown>;
  onCancel?: () => void;
  children?: ReactNode;
}

/**
 * A form for one resource: the API validates, and its per-field messages appear beside the
 * fields they are about; what it says about no field in particular appears above the buttons.
 */
export function ResourceForm({ fields, initial, submitLabel, onSubmit, onCancel, children }: ResourceFormProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // After a refused submit, the first field in error takes the focus, so its message is read out.
  useEffect(() => {
    if (Object.keys(errors).length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.name];
      if (field.required && (value === '' || value === undefined || (Array.isArray(value) && value.length === 0))) missing[field.name] = t('form.required');
    }
    setErrors(missing);
    setGeneral(null);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const byField = Object.fromEntries(
          Object.entries(error.fieldErrors).map(([name, message]) => {
            const key = fieldErrorKey(message, i18n.language);
            return [name, key ? t(key) : message];
          }),
        );
        const known = Object.fromEntries(
          Object.entries(byField).filter(([name]) => fields.some((field) => field.name === name || (field.kind === 'due' && name.startsWith('due')))),
        );
        const dueError = Object.entries(byField).find(([name]) => name.startsWith('due'))?.[1];
        const dueField = fields.find((field) => field.kind === 'due');
        if (dueField && dueError) known[dueField.name] = dueError;
        setErrors(known);
        setGeneral(Object.keys(known).length === 0 && i18n.language === 'en' ? (error.body?.message ?? t('form.invalid')) : t('form.invalid'));
      } else if (error instanceof ApiError && error.status === 409) {
        setGeneral(
          error.body?.code === 'stale_version' ? t('form.stale') : error.body?.message ? readMessage(error.body.message, t, i18n.language) : t('form.conflict'),
        );
      } else if (error instanceof ApiError && error.status === 403) {
        setGeneral(t('state.forbidden'));
      } else {
        setGeneral(t('state.failed'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="resource-form card" onSubmit={(event) => void submit(event)} noValidate>
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          onChange={(value) => setValues((all) => ({ ...all, [field.name]: value }))}
        />
      ))}
      {children}
      {general && (
        <p role="alert" className="error">
          {general}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function Field({ field, value, error, onChange }: { field: FieldSpec; value: FormValue | undefined; error?: string; onChange: (value: FormValue) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, field.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required: field.required };
  const text = typeof value === 'string' ? value : '';
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  let control: ReactNode;
  switch (field.kind) {
    case 'textarea':
      control = <textarea {...common} rows={4} value={text} onChange={(event) => onChange(event.target.value)} />;
      break;
    case 'select':
      control = (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          {!field.required && <option value="">{t('form.none')}</option>}
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'ref':
    case 'refs':
      control = (
        <RefField
          {...common}
          kind={field.ref!}
          multiple={field.kind === 'refs'}
          value={value ?? (field.kind === 'refs' ? [] : '')}
          onChange={onChange}
          label={field.label}
        />
      );
      break;
    case 'due':
      control = <DueInput {...common} value={text} onChange={onChange} />;
      break;
    case 'text':
    case 'email':
    case 'password':
    case 'number':
    case 'date':
    case 'datetime':
    case 'list':
      control = (
        <input
          {...common}
          type={field.kind === 'datetime' ? 'datetime-local' : field.kind === 'list' ? 'text' : field.kind}
          autoComplete={field.kind === 'password' ? 'new-password' : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
  }
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      {label}
      {control}
      {field.hint && (
        <p id={hintId} className="hint">
          {field.hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
