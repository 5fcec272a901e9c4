import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { type FieldSpec, type FormValues, payload, ResourceForm, toFormValue } from './Form';
import { QueryState } from './states';

interface Versioned {
  id: string;
  version: number;
}

interface FormPageProps<T extends Versioned> {
  title: string;
  fields: FieldSpec[];
  /** The record being edited; absent on create. */
  existing?: { data?: T; error: unknown; isPending: boolean; refetch: () => unknown };
  /** Starting values on create (e.g. the mission a new action belongs to). */
  defaults?: FormValues;
  create: (body: Record<string, unknown>) => Promise<T>;
  update: (record: T, body: Record<string, unknown>) => Promise<T>;
  /** Where to go after saving. */
  next: (saved: T) => string;
  /** Query keys whose lists show this resource. */
  invalidates: string[];
}

/** Create or edit one resource with a ResourceForm: POST, or PATCH of the changed fields with the version. */
export function FormPage<T extends Versioned>({ title, fields, existing, defaults = {}, create, update, next, invalidates }: FormPageProps<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(title);
  const initialOf = (record?: T): FormValues =>
    Object.fromEntries(
      fields.map((field) => [
        field.name,
        record ? toFormValue(field, (record as Record<string, unknown>)[field.name]) : (defaults[field.name] ?? toFormValue(field, undefined)),
      ]),
    );

  const save = async (record: T | undefined, values: FormValues): Promise<void> => {
    const saved = record ? await update(record, payload(fields, values, initialOf(record))) : await create(payload(fields, values));
    await Promise.all([...invalidates, 'history', 'report'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    await navigate(next(saved));
  };
  const form = (record?: T) => (
    <>
      <h1>{title}</h1>
      <ResourceForm
        fields={fields}
        initial={initialOf(record)}
        submitLabel={record ? t('form.save') : t('form.create')}
        onSubmit={(values) => save(record, values)}
        onCancel={() => void navigate(-1)}
      />
    </>
  );
  if (!existing) return form();
  return <QueryState query={existing}>{(record) => <StartedFrom record={record}>{form}</StartedFrom>}</QueryState>;
}

/**
 * The record as it was when the form opened. A refetch while one types must not become the
 * base of the change: its version would pass, and the fields a colleague changed meanwhile
 * would be sent back as they were. Kept, the old version makes the API answer 409.
 */
function StartedFrom<T>({ record, children }: { record: T; children: (record: T) => ReactNode }) {
  const [base] = useState(record);
  return <>{children(base)}</>;
}
