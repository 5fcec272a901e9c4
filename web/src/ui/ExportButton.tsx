import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsv } from '../api/files';

/** "Export (CSV)": every row the list's filters match, not only the page on screen. */
export function ExportButton({ path, query, filename }: { path: string; query: Record<string, string | number | boolean | undefined>; filename: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    setFailed(false);
    try {
      await downloadCsv(path, query, filename);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? t('export.busy') : t('export.csv')}
      </button>
      {failed && (
        <span role="alert" className="error">
          {t('state.failed')}
        </span>
      )}
    </>
  );
}
