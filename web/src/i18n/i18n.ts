import i18n from 'i18next';
import { useEffect } from 'react';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import nl from './nl.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CHOSEN_KEY = 'mission-crm.language';

/** The language the user picked on this device, if any; otherwise their profile's. */
export function chosenLanguage(): Language | null {
  const chosen = localStorage.getItem(CHOSEN_KEY);
  return chosen === 'nl' || chosen === 'en' ? chosen : null;
}

export function chooseLanguage(language: Language): void {
  localStorage.setItem(CHOSEN_KEY, language);
  void i18n.changeLanguage(language);
}

/** The profile's language, unless this device was switched to another. */
export function useProfileLanguage(language: Language | undefined): void {
  useEffect(() => {
    if (language && !chosenLanguage() && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: chosenLanguage() ?? 'nl',
  // No fallback: a key missing in one catalogue must show up in the catalogue test, not as English.
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
