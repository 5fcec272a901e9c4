import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchText, queryString } from '../api/files';
import { todayIn, useFormat } from '../i18n/format';
import { ErrorState, Loading } from '../ui/states';

/**
 * The mission's report as the service writes it (an answer to Parliament), for a chosen day
 * and language: shown in the page, printable, and downloadable as Markdown.
 */
export function ReportPanel({ missionId, code }: { missionId: string; code: string }) {
  const { t, i18n } = useTranslation();
  const { timeZone } = useFormat();
  const [asOf, setAsOf] = useState(todayIn(timeZone));
  const [lang, setLang] = useState(i18n.language === 'en' ? 'en' : 'nl');
  const frame = useRef<HTMLIFrameElement>(null);
  const path = `missions/${missionId}/report${queryString({ asOf, lang })}`;
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  // Written on request: a large mission's report takes the service a moment.
  const [shown, setShown] = useState(false);
  const report = useQuery({ queryKey: ['report', missionId, asOf, lang], queryFn: () => fetchText(path, 'text/html'), enabled: validDay && shown });
  const [failed, setFailed] = useState(false);
  const download = async (): Promise<void> => {
    setFailed(false);
    const markdown = await fetchText(path, 'text/markdown').catch(() => null);
    if (markdown === null) return setFailed(true);
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${code}-report-${asOf}-${lang}.md`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section id="report" aria-labelledby="report-heading" className="card">
      <div className="section-head">
        <h2 id="report-heading">{t('report.title')}</h2>
        <label>
          {t('report.asOf')}
          <input type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
        </label>
        <label>
          {t('report.language')}
          <select value={lang} onChange={(event) => setLang(event.target.value)}>
            <option value="nl">{t('languages.nl')}</option>
            <option value="en">{t('languages.en')}</option>
          </select>
        </label>
        <button type="button" className="primary" aria-expanded={shown} onClick={() => setShown(!shown)}>
          {shown ? t('report.hide') : t('report.show')}
        </button>
        <button type="button" onClick={() => frame.current?.contentWindow?.print()} disabled={!report.data}>
          {t('report.print')}
        </button>
        <button type="button" onClick={() => void download()} disabled={!validDay}>
          {t('report.markdown')}
        </button>
      </div>
      {failed && (
        <p role="alert" className="error">
          {t('state.failed')}
        </p>
      )}
      {!shown ? null : !validDay ? (
        <p className="muted">{t('report.chooseDay')}</p>
      ) : report.isPending ? (
        <Loading />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <iframe ref={frame} className="report-frame" title={t('report.frameTitle', { asOf })} srcDoc={report.data} sandbox="allow-same-origin allow-modals" />
      )}
    </section>
  );
}
