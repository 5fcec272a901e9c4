import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';
import { useSearchParams } from 'react-router';
import { ApiError, type ErrorBody, type Schemas } from '../api/client';
import { postFile, queryString } from '../api/files';
import { permissions, useMe } from '../auth/me';
import { Pager } from '../ui/Pager';
import { RefField } from '../ui/RefField';
import { ErrorState } from '../ui/states';
import { readMessage } from '../api/messages';

type Report = Schemas['ImportReportDto'];
const KINDS = ['participants', 'meetings', 'organisations'] as const;
const ROWS_SHOWN = 100;

/** Import a delegation, a B2B meeting plan or organisations from CSV or .xlsx: first a dry run, row by row, then for real. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('imports.title'));
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('participants');
  const [missionId, setMissionId] = useState(params.get('missionId') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [offset, setOffset] = useState(0);
  if (me && !permissions(me).writes) return <ErrorState error={new ApiError(403, undefined)} />;
  const needsMission = kind !== 'organisations';

  const run = async (dryRun: boolean): Promise<void> => {
    if (!file) return setProblem(t('imports.chooseFile'));
    if (needsMission && !missionId) return setProblem(t('imports.chooseMission'));
    setBusy(true);
    setProblem(null);
    try {
      const { status, body } = await postFile<Report>(`imports/${kind}${queryString({ missionId: needsMission ? missionId : undefined, dryRun })}`, file);
      if (status === 200) {
        setReport(body as Report);
        if (!dryRun) await queryClient.invalidateQueries();
      } else {
        const error = body as ErrorBody & { report?: Report };
        setReport(error.report ?? null);
        setProblem(
          [
            readMessage(error.message, t, i18n.language),
            ...(error.details ?? []).map((detail) => `${detail.field}: ${readMessage(detail.message, t, i18n.language)}`),
          ].join(' — '),
        );
      }
      setOffset(0);
    } catch {
      setProblem(t('state.failed'));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(true);
  };

  return (
    <>
      <h1>{t('imports.title')}</h1>
      <p className="muted">{t('imports.intro')}</p>
      <form className="card resource-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="import-kind">{t('imports.kind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as (typeof KINDS)[number]);
              setReport(null);
            }}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`imports.kinds.${value}`)}
              </option>
            ))}
          </select>
          <p className="hint">{t(`imports.columns.${kind}`)}</p>
        </div>
        {needsMission && (
          <div className="field">
            <label htmlFor="import-mission">{t('actions.mission')}</label>
            <RefField
              id="import-mission"
              name="missionId"
              kind="missions"
              label={t('actions.mission')}
              multiple={false}
              value={missionId}
              onChange={(value) => {
                setMissionId(String(value));
                setReport(null);
              }}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('imports.check')}
          </button>
          <button type="button" disabled={busy || !report || !report.dryRun || report.totals.error > 0} onClick={() => void run(false)}>
            {t('imports.run')}
          </button>
        </div>
      </form>
      {report && (
        <section className="card" aria-labelledby="import-report">
          <h2 id="import-report">{report.written ? t('imports.written') : t('imports.dryRun')}</h2>
          <ul className="tiles" aria-label={t('imports.totals')}>
            {(['rows', 'created', 'updated', 'unchanged', 'error'] as const).map((total) => (
              <li key={total} className={`tile tile-${total}`}>
                <span className="tile-value">{report.totals[total]}</span>
                <span className="tile-label">{t(`imports.total.${total}`)}</span>
              </li>
            ))}
          </ul>
          <table className="list">
            <caption className="visually-hidden">{t('imports.rows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.outcome')}</th>
                <th scope="col">{t('imports.details')}</th>
              </tr>
            </thead>
            <tbody>
              {[...report.rows]
                .sort((a, b) => Number(b.status === 'error') - Number(a.status === 'error') || a.row - b.row)
                .slice(offset, offset + ROWS_SHOWN)
                .map((row) => (
                  <tr key={row.row}>
                    <td>{row.row}</td>
                    <td>
                      <span className={`badge badge-${row.status === 'error' ? 'failed' : row.status === 'created' ? 'done' : 'planned'}`}>
                        {t(`imports.status.${row.status}`)}
                      </span>
                    </td>
                    <td>
                      {row.errors.length > 0
                        ? row.errors.map((error) => `${error.column}: ${readMessage(error.message, t, i18n.language)}`).join('; ')
                        : row.records.map((record) => `${t(`imports.resource.${record.resource}`)} ${t(`imports.status.${record.status}`)}`).join(', ')}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          <Pager total={report.rows.length} limit={ROWS_SHOWN} offset={offset} onOffset={setOffset} />
        </section>
      )}
    </>
  );
}
