import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { translations } from '@/locales';
import { LANGUAGES, type Language } from './types';

const STORAGE_KEY = 'zajedno.language';

export const resources = {
  'sr-Latn': { translation: translations['sr-Latn'] },
  'sr-Cyrl': { translation: translations['sr-Cyrl'] },
  en: { translation: translations.en },
} as const;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The language chosen on this device before login (or the default: Serbian, Latin script). */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    // storage may be unavailable (private mode); fall through to the default
  }
  return 'sr-Latn';
}

/** Switches the UI language, remembers it on this device and sets <html lang>. */
export function applyLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the choice still applies for this page
  }
  document.documentElement.lang = lang;
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: typeof window === 'undefined' ? 'sr-Latn' : storedLanguage(),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  // i18next would otherwise treat "sr-Latn" as "sr" + region and look for "sr".
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;
