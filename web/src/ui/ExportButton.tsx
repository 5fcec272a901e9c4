import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport, type ExportFormat } from '../api/files';

/** "Export (CSV)" and "Export (.xlsx)": every row the list's filters match, not only the page on screen, as `name.csv` or `name.xlsx`. */
export function ExportButton({ path, query, name }: { path: string; query: Record<string, string | number | boolean | undefined>; name: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failed, setFailed] = useState(false);
  const run = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    setFailed(false);
    try {
      await downloadExport(path, query, name, format);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" onClick={() => void run(format)} disabled={busy !== null}>
          {busy === format ? t('export.busy') : t(`export.${format}`)}
        </button>
      ))}
      {failed && (
        <span role="alert" className="error">
          {t('state.failed')}
        </span>
      )}
    </>
  );
}
