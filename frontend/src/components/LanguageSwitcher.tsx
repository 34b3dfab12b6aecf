import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@/lib/types';

/** Language and script picker; each option is written in its own language and script. */
export function LanguageSwitcher({ value, onChange, compact = false, id }: { value: Language; onChange: (l: Language) => void; compact?: boolean; id?: string }) {
  const { t } = useTranslation();
  const generated = useId();
  const selectId = id ?? `lang-${generated}`;
  return (
    <div className={compact ? 'lang-switcher lang-switcher--compact' : 'field lang-switcher'}>
      <label htmlFor={selectId} className={compact ? 'lang-switcher__label' : 'field__label'}>
        {t('language.label')}
      </label>
      <select id={selectId} className="input select" value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languageNames.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
