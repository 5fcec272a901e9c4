import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../api/client';
import type { Me } from '../auth/me';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n/i18n';

/**
 * The interface's language. Signed in, the choice is also the profile's, so reminder e-mails
 * follow it; on the sign-in page it is remembered on this device only.
 */
export function LanguageSwitch({ me }: { me?: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const choose = async (language: Language): Promise<void> => {
    chooseLanguage(language);
    if (!me || me.language === language) return;
    const updated = await unwrap(api.PATCH('/api/v1/auth/me', { body: { language, version: me.version } as Schemas['MeUpdateDto'] })).catch(() => null);
    if (updated) queryClient.setQueryData(['me'], updated);
  };
  return (
    <label className="language-switch">
      {t('app.language')}
      <select value={i18n.language} onChange={(event) => void choose(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
