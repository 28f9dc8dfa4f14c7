import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createWidgetI18n } from './instance';
import { fallbackLanguage, type WidgetLocale } from './languages';

const LocaleContext = createContext<WidgetLocale>({ language: fallbackLanguage, tag: fallbackLanguage });

/** Gives the widget below it its language (react-i18next's t) and its formatting locale (useLocale). */
export function WidgetLocaleProvider({ locale, children }: { locale: WidgetLocale; children: ReactNode }) {
  const i18n = useMemo(() => createWidgetI18n(locale.language), [locale.language]);
  return (
    <I18nextProvider i18n={i18n}>
      <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
    </I18nextProvider>
  );
}

/**
 * The active language, in ONE place: `language` is what the widget speaks ("en" | "de" | "es") and what a request
 * that asks the server for the customer's language (emails, .ics) should send; `tag` is the full locale for Intl.
 */
export function useLocale(): WidgetLocale {
  return useContext(LocaleContext);
}
