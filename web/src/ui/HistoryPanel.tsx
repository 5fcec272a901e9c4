import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { type NamedKind, useNames } from './names';
import { Empty, QueryState } from './states';

type Resource = 'missions' | 'organisations' | 'contacts' | 'meetings' | 'agreements' | 'actions' | 'users';
type Change = { before?: unknown; after?: unknown };
type Changes = Record<string, Change>;

/** Where a field's name is not the catalogue key of its form label (ownerId → actions.owner is found without one). */
const LABEL_KEYS: Partial<Record<Resource, Record<string, string>>> = {
  missions: {
    title: 'missions.name',
    hostCountries: 'missions.countries',
    leaderContactId: 'missions.leader',
    ownerId: 'missions.officer',
    previousMissionId: 'missions.previous',
  },
  meetings: {
    organisationIds: 'meetings.ourSide',
    counterpartOrganisationIds: 'meetings.counterparts',
    contactIds: 'meetings.ourContacts',
    counterpartContactIds: 'meetings.counterpartContacts',
    attendeeCount: 'meetings.attendees',
  },
  agreements: { partyIds: 'agreements.parties' },
};

/** The catalogue of an enumerated field's values, by resource. */
const VALUE_KEYS: Partial<Record<Resource, Record<string, string>>> = {
  actions: { status: 'actionStatus', kind: 'actionKind', duePrecision: 'duePrecision' },
  missions: { status: 'missionStatus', type: 'missionType' },
  meetings: { kind: 'meetingKind' },
  agreements: { status: 'agreementStatus', type: 'agreementType' },
  organisations: { kind: 'organisationKind' },
  contacts: { language: 'languages' },
  users: { role: 'roles', language: 'languages', reminderMode: 'reminderMode' },
};

/** The fields that refer to records with names, and the kind they name. */
function namedKind(field: string): NamedKind | undefined {
  if (/^(owner|leaderContact)Id$/.test(field)) return field === 'ownerId' ? 'users' : 'contacts';
  if (field === 'watcherIds') return 'users';
  if (/(^o|O)rganisationIds?$/.test(field) || field === 'partyIds') return 'organisations';
  if (/(^c|C)ontactIds?$/.test(field)) return 'contacts';
  if (/(^m|M)issionId$/.test(field)) return 'missions';
  return undefined;
}

/** The four due fields change together: shown as one, by the label or the window. */
const DUE_FIELDS = ['dueLabel', 'dueFrom', 'dueTo', 'duePrecision'];
/** What the audit trail holds instead of a secret's value. */
const SECRET_VALUES = new Set(['[hidden]', '[changed]']);
const LONG_TEXT = 80;

const idsOf = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((id) => typeof id === 'string') : []);

/** Who changed what and when, from the audit trail: each changed field by its label, from what to what. */
export function HistoryPanel({ resource, id }: { resource: Resource; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['history', resource, id],
    queryFn: () => unwrap(api.GET('/api/v1/{resource}/{id}/history', { params: { path: { resource, id }, query: { limit: 50 } } })),
  });
  const entries = query.data?.items ?? [];
  const referred = (kind: NamedKind): string[] =>
    entries.flatMap((entry) =>
      Object.entries(entry.changes ?? {}).flatMap(([field, change]) => (namedKind(field) === kind ? [...idsOf(change.before), ...idsOf(change.after)] : [])),
    );
  const users = useNames('users', [...entries.map((entry) => entry.actorId), ...referred('users')]);
  const names: Record<NamedKind, Record<string, string>> = {
    users,
    organisations: useNames('organisations', referred('organisations')),
    contacts: useNames('contacts', referred('contacts')),
    missions: useNames('missions', referred('missions')),
  };

  const label = (field: string): string => {
    const stem = field.replace(/Ids$/, 's').replace(/Id$/, '');
    const keys = [LABEL_KEYS[resource]?.[field], `history.fields.${field}`, `${resource}.${field}`, `${resource}.${stem}`].filter((key): key is string =>
      Boolean(key),
    );
    return t(keys, { defaultValue: t('history.fields.other') });
  };

  /** A value as the rest of the dashboard shows it, or null where it is not shown (a secret, a policy, an id without a name). */
  const value = (field: string, raw: unknown): string | null => {
    if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return t('history.empty');
    if (typeof raw === 'string' && SECRET_VALUES.has(raw)) return null;
    const catalogue = VALUE_KEYS[resource]?.[field];
    if (catalogue && typeof raw === 'string') return t(`${catalogue}.${raw}`, { defaultValue: raw });
    const kind = namedKind(field);
    if (kind) {
      const found = idsOf(raw).map((ref) => names[kind][ref]);
      return found.every(Boolean) ? found.join(', ') : null;
    }
    if (/Ids?$/.test(field)) return null;
    if (field === 'hostCountries' || field === 'country') return format.countries(idsOf(raw));
    if (typeof raw === 'boolean') return t(raw ? 'history.yes' : 'history.no');
    if (typeof raw === 'number') return format.number(raw);
    if (Array.isArray(raw)) return raw.map(String).join(', ');
    if (typeof raw !== 'string') return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return format.day(raw);
    if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) return format.dateTime(raw);
    return raw.length > LONG_TEXT ? `${raw.slice(0, LONG_TEXT - 1)}…` : raw;
  };

  const due = (changes: Changes, side: 'before' | 'after'): string | null => {
    const of = (field: string): unknown => (field in changes ? changes[field][side] : undefined);
    const dueLabel = of('dueLabel');
    if (typeof dueLabel === 'string' && dueLabel) return dueLabel;
    const [from, to] = [of('dueFrom'), of('dueTo')];
    if (typeof from === 'string' && typeof to === 'string') return format.window(from, to);
    // Cleared: every part of the window changed to nothing.
    if ('dueFrom' in changes && from == null && 'dueTo' in changes && to == null) return t('due.none');
    return null;
  };

  /** "Termijn: maart 2024 → najaar 2027", "Stand: open → uitgesteld", or the label alone where the values are not shown. */
  const described = (changes: Changes): string[] => {
    const lines: string[] = [];
    const fields = Object.keys(changes);
    if (fields.some((field) => DUE_FIELDS.includes(field))) {
      const [before, after] = [due(changes, 'before'), due(changes, 'after')];
      lines.push(before !== null && after !== null ? `${t('actions.due')}: ${before} → ${after}` : t('actions.due'));
    }
    for (const field of fields.filter((name) => !DUE_FIELDS.includes(name))) {
      const [before, after] = [value(field, changes[field].before), value(field, changes[field].after)];
      lines.push(before !== null && after !== null ? `${label(field)}: ${before} → ${after}` : label(field));
    }
    return lines;
  };

  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">{t('history.title')}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('history.none')}</Empty>
          ) : (
            <ol className="history">
              {page.items.map((entry) => {
                const changes: Changes = entry.changes ?? {};
                const lines = entry.action === 'update' ? described(changes) : [];
                return (
                  <li key={entry.id}>
                    <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
                    {entry.actorId ? (users[entry.actorId] ?? '') : t('history.system')} · {t(`history.${entry.action}`)}
                    {lines.length > 0 && (
                      <ul className="history-changes">
                        {lines.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
