import { catalogues, localeFor, pickLocale } from './languages';

function widget(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.querySelector<HTMLElement>('[data-appointease]')!;
}

describe('widget language', () => {
  it('takes the first candidate it has a catalogue for, keeping the region for formatting', () => {
    expect(pickLocale(['fr-FR', 'de-AT', 'en'])).toEqual({ language: 'de', tag: 'de-AT' });
    expect(pickLocale(['es_mx'])).toEqual({ language: 'es', tag: 'es-MX' });
    expect(pickLocale(['pt', '', null])).toEqual({ language: 'en', tag: 'en' });
  });

  it('prefers data-locale, then the page lang, then the browser', () => {
    expect(localeFor(widget('<div lang="de"><div data-appointease data-locale="es"></div></div>'), ['en-US'])).toMatchObject({ language: 'es' });
    expect(localeFor(widget('<section lang="de"><div data-appointease></div></section>'), ['es-ES'])).toMatchObject({ language: 'de' });
    expect(localeFor(widget('<div data-appointease data-locale="auto"></div>'), ['es-ES', 'en'])).toMatchObject({ language: 'es', tag: 'es-ES' });
  });

  it('"auto" ignores the page lang; an unsupported data-locale falls through to the page', () => {
    expect(localeFor(widget('<div lang="de"><div data-appointease data-locale="auto"></div></div>'), ['en-GB'])).toEqual({ language: 'en', tag: 'en-GB' });
    expect(localeFor(widget('<div lang="es"><div data-appointease data-locale="fr"></div></div>'), ['de'])).toMatchObject({ language: 'es' });
  });

  it('has every English key in every catalogue, none left empty', () => {
    const keys = (m: object) => Object.entries(m).flatMap(([group, texts]) => Object.keys(texts as object).map((k) => `${group}.${k}`)).sort();
    for (const [code, messages] of Object.entries(catalogues)) {
      expect(keys(messages), code).toEqual(keys(catalogues.en));
      for (const texts of Object.values(messages)) for (const text of Object.values(texts as Record<string, string>)) expect(text.trim(), code).not.toBe('');
    }
  });
});
