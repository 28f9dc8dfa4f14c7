import type { en } from './locales/en';

// Typed keys: t('time.continueWith', …) is checked against the English catalogue at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
