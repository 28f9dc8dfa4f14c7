import { de } from './locales/de';
import { en, type Messages } from './locales/en';
import { es } from './locales/es';

/**
 * The widget's languages: every catalogue is bundled (no fetch at run time, so the embed stays one script and works
 * under the host page's CSP). Adding one = a file in locales/ typed `Messages` + one line here.
 */
export const catalogues = { en, de, es } satisfies Record<string, Messages>;
export type Language = keyof typeof catalogues;
export const fallbackLanguage: Language = 'en';

/** The language the widget speaks and the BCP 47 tag its dates and prices are formatted for ("de" + "de-AT"). */
export interface WidgetLocale {
  language: Language;
  tag: string;
}

function isLanguage(code: string): code is Language {
  return Object.hasOwn(catalogues, code);
}

/** The first candidate tag whose language has a catalogue ("de-AT" → de, formatted as de-AT); else English. */
export function pickLocale(candidates: readonly (string | null | undefined)[]): WidgetLocale {
  for (const candidate of candidates) {
    const tag = candidate?.trim();
    if (!tag) continue;
    const language = tag.split(/[-_]/)[0]!.toLowerCase();
    if (!isLanguage(language)) continue;
    try {
      return { language, tag: Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? language };
    } catch {
      return { language, tag: language }; // "de-!!" names German but no valid region: format as plain German
    }
  }
  return { language: fallbackLanguage, tag: fallbackLanguage };
}

/**
 * The widget element's language: its data-locale attribute, else the embedding page's lang (the nearest [lang]
 * ancestor), else the browser's languages. data-locale="auto" skips the page's lang: the demo page at "/" uses it so
 * each visitor gets their browser's language while the page itself stays lang="en".
 */
export function localeFor(element: HTMLElement, browser: readonly string[] = navigator.languages ?? [navigator.language]): WidgetLocale {
  const attribute = element.dataset.locale?.trim();
  const page = attribute === 'auto' ? null : element.closest<HTMLElement>('[lang]')?.lang;
  return pickLocale([attribute === 'auto' ? null : attribute, page, ...browser]);
}
