import { useCallback, useEffect, useState } from 'react';
import { api, type AppointmentResponse, type BusinessHours, type Service } from '../api/endpoints';
import { isTransient } from '../api/problem';
import { withRetry } from '../lib/backoff';
import { clientId as tabClientId } from '../lib/clientId';
import type { LinkMode } from '../lib/heartbeat';
import { BookingFlow } from './BookingFlow';
import { ManageBooking } from './ManageBooking';
import { Notice, type NoticeMessage } from './Notice';
import { StatusDot } from './StatusDot';

type Tab = 'book' | 'manage';

/** Reads ?appointment=ID&token=MANAGE_TOKEN (the confirmation's manage link) from the host page's URL. */
function manageLinkFromUrl(): { id: string; token: string } | null {
  const params = new URLSearchParams(window.location.search);
  const id = params.get('appointment');
  const token = params.get('token');
  return id && token ? { id, token } : null;
}

export function manageUrl(appointment: AppointmentResponse, page: Location = window.location): string | null {
  if (!appointment.manageToken) return null;
  const url = new URL(page.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('appointment', String(appointment.id));
  url.searchParams.set('token', appointment.manageToken);
  return url.toString();
}

export function App() {
  const [link] = useState(manageLinkFromUrl);
  const [tab, setTab] = useState<Tab>(link ? 'manage' : 'book');
  const [services, setServices] = useState<Service[] | null>(null);
  const [hours, setHours] = useState<BusinessHours | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [linkMode, setLinkMode] = useState<{ mode: LinkMode; storage: string | null }>({ mode: 'live', storage: null });
  const [clientId] = useState(tabClientId);

  useEffect(() => {
    const wait = (ms: number) => {
      setLinkMode({ mode: 'offline', storage: null });
      setNotice({ kind: 'warning', text: `The booking server cannot be reached. Retrying in ${Math.ceil(ms / 1000)} s…` });
    };
    withRetry(() => Promise.all([api.services(), api.businessHours()]), isTransient, wait, 8)
      .then(([list, h]) => {
        setServices(list);
        setHours(h);
        setNotice(null);
        setLinkMode({ mode: 'live', storage: null });
      })
      .catch(() => setNotice({ kind: 'error', text: 'The booking server cannot be reached. Please reload the page to try again.' }));
  }, []);

  const onLinkMode = useCallback((mode: LinkMode, storage: string | null) => setLinkMode({ mode, storage }), []);

  return (
    <div className="ae-widget">
      <header className="ae-header">
        <p className="ae-brand">{hours?.businessName ?? 'Book an appointment'}</p>
        <StatusDot mode={linkMode.mode} storageMode={linkMode.storage} />
      </header>
      <nav className="ae-tabs" aria-label="Booking">
        <button type="button" className="ae-tab" aria-current={tab === 'book' ? 'page' : undefined} onClick={() => setTab('book')}>
          Book
        </button>
        <button type="button" className="ae-tab" aria-current={tab === 'manage' ? 'page' : undefined} onClick={() => setTab('manage')}>
          Manage my booking
        </button>
      </nav>
      <Notice notice={notice} />
      {services === null ? (
        <p className="ae-muted">Loading…</p>
      ) : tab === 'book' ? (
        <BookingFlow services={services} businessHours={hours} clientId={clientId} mode={{ kind: 'book' }} manageUrlFor={(a) => manageUrl(a)} onLinkMode={onLinkMode} />
      ) : (
        <ManageBooking services={services} businessHours={hours} clientId={clientId} link={link} onLinkMode={onLinkMode} />
      )}
    </div>
  );
}
