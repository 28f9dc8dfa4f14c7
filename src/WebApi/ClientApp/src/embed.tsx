import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApi } from './api/http';
import { App } from './components/App';
import { localeFor } from './i18n/languages';
import './styles.css';

/**
 * Embedding: <script src="https://booking.example/app/appointease.js"></script> and
 * <div data-appointease data-api-base="https://booking.example"></div> anywhere on the page.
 * Without data-api-base the API is expected where the script came from. The stylesheet next to the script is
 * added automatically when the page has not linked it itself. The language comes from data-locale ("de", "es-MX",
 * or "auto" for the browser's), else the page's lang, else the browser (i18n/languages.ts).
 */
const script = document.currentScript as HTMLScriptElement | null;
const scriptOrigin = script?.src ? new URL(script.src, window.location.href) : null;

function ensureStylesheet(): void {
  if (!scriptOrigin || document.querySelector('link[data-appointease-css]')) return;
  const href = new URL('appointease.css', scriptOrigin).toString();
  if (Array.from(document.styleSheets).some((s) => s.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.appointeaseCss = '';
  document.head.appendChild(link);
}

export function mount(element: HTMLElement): void {
  if (element.dataset.appointeaseMounted) return;
  element.dataset.appointeaseMounted = 'true';
  configureApi(element.dataset.apiBase ?? scriptOrigin?.origin ?? window.location.origin);
  createRoot(element).render(
    <StrictMode>
      <App locale={localeFor(element)} />
    </StrictMode>,
  );
}

function mountAll(): void {
  ensureStylesheet();
  document.querySelectorAll<HTMLElement>('[data-appointease]').forEach(mount);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
