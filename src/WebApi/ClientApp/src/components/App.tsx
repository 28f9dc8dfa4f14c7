import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AppointmentResponse, type BusinessHours, type Service } from '../api/endpoints';
import { isTransient } from '../api/problem';
import { ZonesContext } from '../hooks/useZones';
import { WidgetLocaleProvider, useLocale } from '../i18n/LocaleContext';
import { fallbackLanguage, type WidgetLocale } from '../i18n/languages';
import { withRetry } from '../lib/backoff';
import { clientId as tabClientId } from '../lib/clientId';
import type { LinkMode } from '../lib/heartbeat';
import { visitorTimeZone } from '../lib/zones';
import { BookingFlow } from './BookingFlow';
import { ManageBooking } from './ManageBooking';
import { Notice, type NoticeMessage } from './Notice';
import { StatusDot } from './StatusDot';

type Tab = 'book' | 'manage';

const LINK_KEYS = ['appointment', 'token'];

/**
 * Reads the confirmation's manage link (#appointment=ID&token=MANAGE_TOKEN; older emails put it in ?query) from the
 * host page's URL, then removes it from the address bar and this history entry (history.replaceState), so the token
 * is never left in a URL: not in history, bookmarks, Referer headers or the embedding site's analytics. Read once per
 * page load (module-level), so a re-render never finds the URL already cleaned.
 */
let linkFromPage: { id: string; token: string } | null | undefined;
export function manageLinkFromUrl(page: Location = window.location, history: History = window.history): { id: string; token: string } | null {
  if (linkFromPage !== undefined) return linkFromPage;
  const hash = new URLSearchParams(page.hash.replace(/^#/, ''));
  const query = new URLSearchParams(page.search);
  const from = hash.get('token') ? hash : query;
  const id = from.get('appointment');
  const token = from.get('token');
  linkFromPage = id && token ? { id, token } : null;
  if (hash.has('token') || query.has('token')) {
    const url = new URL(page.href);
    for (const key of LINK_KEYS) url.searchParams.delete(key);
    for (const key of LINK_KEYS) hash.delete(key);
    url.hash = hash.toString();
    history.replaceState(history.state, '', url.toString());
  }
  return linkFromPage;
}

/** The manage link shown on the confirmation: the token in the fragment, which browsers never send to a server. */
export function manageUrl(appointment: AppointmentResponse, page: Location = window.location): string | null {
  if (!appointment.manageToken) return null;
  const url = new URL(page.href);
  url.search = '';
  url.hash = new URLSearchParams({ appointment: String(appointment.id), token: appointment.manageToken }).toString();
  return url.toString();
}

const english: WidgetLocale = { language: fallbackLanguage, tag: fallbackLanguage };

/** The widget in one language (embed.tsx picks it per element; English when none is given). */
export function App({ locale = english }: { locale?: WidgetLocale }) {
  return (
    <WidgetLocaleProvider locale={locale}>
      <Widget />
    </WidgetLocaleProvider>
  );
}

function Widget() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const [link] = useState(() => manageLinkFromUrl());
  const [tab, setTab] = useState<Tab>(link ? 'manage' : 'book');
  const [services, setServices] = useState<Service[] | null>(null);
  const [hours, setHours] = useState<BusinessHours | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [linkMode, setLinkMode] = useState<{ mode: LinkMode; storage: string | null; streaming?: boolean }>({ mode: 'live', storage: null });
  const [clientId] = useState(tabClientId);

  useEffect(() => {
    const wait = (ms: number) => {
      setLinkMode({ mode: 'offline', storage: null });
      setNotice({ kind: 'warning', text: t('common.unreachableRetry', { seconds: Math.ceil(ms / 1000) }) });
    };
    withRetry(() => Promise.all([api.services(), api.businessHours()]), isTransient, wait, 8)
      .then(([list, h]) => {
        setServices(list);
        setHours(h);
        setNotice(null);
        setLinkMode({ mode: 'live', storage: null });
      })
      .catch(() => setNotice({ kind: 'error', text: t('common.unreachableReload') }));
  }, [t]);

  const onLinkMode = useCallback((mode: LinkMode, storage: string | null, streaming?: boolean) => setLinkMode({ mode, storage, streaming }), []);
  const zones = useMemo(
    () => ({ business: hours?.timeZone ?? null, visitor: visitorTimeZone(), place: hours?.businessName ?? '' }),
    [hours?.timeZone, hours?.businessName],
  );

  return (
    <ZonesContext.Provider value={zones}>
      <div className="ae-widget" lang={language}>
        <header className="ae-header">
          <p className="ae-brand">{hours?.businessName ?? t('app.title')}</p>
          <StatusDot mode={linkMode.mode} storageMode={linkMode.storage} streaming={linkMode.streaming ?? false} />
        </header>
        <nav className="ae-tabs" aria-label={t('app.tabs')}>
          <button type="button" className="ae-tab" aria-current={tab === 'book' ? 'page' : undefined} onClick={() => setTab('book')}>
            {t('app.book')}
          </button>
          <button type="button" className="ae-tab" aria-current={tab === 'manage' ? 'page' : undefined} onClick={() => setTab('manage')}>
            {t('app.manage')}
          </button>
        </nav>
        <Notice notice={notice} />
        {services === null ? (
          <p className="ae-muted">{t('common.loading')}</p>
        ) : tab === 'book' ? (
          <BookingFlow services={services} businessHours={hours} clientId={clientId} mode={{ kind: 'book' }} manageUrlFor={(a) => manageUrl(a)} onLinkMode={onLinkMode} />
        ) : (
          <ManageBooking services={services} businessHours={hours} clientId={clientId} link={link} onLinkMode={onLinkMode} />
        )}
      </div>
    </ZonesContext.Provider>
  );
}
