import { createInstance, type i18n } from 'i18next';
import { catalogues, fallbackLanguage, type Language } from './languages';

/**
 * One i18next instance per mounted widget (not the global one): two widgets on a page may speak different languages
 * and the host page's own i18next, if any, is left alone. All resources are in the bundle, so init is synchronous.
 */
export function createWidgetI18n(language: Language): i18n {
  const instance = createInstance({
    lng: language,
    fallbackLng: fallbackLanguage,
    supportedLngs: Object.keys(catalogues),
    resources: Object.fromEntries(Object.entries(catalogues).map(([code, messages]) => [code, { translation: messages }])),
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    react: { useSuspense: false },
  });
  void instance.init();
  return instance;
}
