import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { configureApi } from '../api/http';
import { App } from './App';

const today = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const day = isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1));

/** A tiny fake of the API: the catalogue, one free day, a quiet heartbeat. */
function fakeApi(calls: string[]) {
  return vi.fn(async (request: Request) => {
    const path = request.url.replace(/^https?:\/\/[^/]+/, '');
    calls.push(`${request.method} ${path}`);
    const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (path.startsWith('/api/v1/services')) return ok([{ id: 1, name: 'Haircut', durationMinutes: 30, price: 35 }]);
    if (path.startsWith('/api/v1/business-hours')) return ok({ businessName: 'Test Studio', timeZone: 'Europe/Berlin', slotMinutes: 30, days: [] });
    if (path.startsWith('/api/v1/employees')) return ok([{ id: 7, name: 'Alex', serviceIds: [1] }]);
    if (path.startsWith('/api/v1/availability?from')) return ok([{ date: day, employeeId: 7, slots: [{ time: '09:00', status: 'available' }] }]);
    if (path.startsWith('/api/v1/availability?date'))
      return ok({ date: day, employeeId: 7, slots: [{ time: '09:00', status: 'available' }, { time: '09:30', status: 'booked' }] });
    if (path.startsWith('/api/v1/slots/select')) return ok({ expiresInSeconds: 10 });
    if (path.startsWith('/api/v1/heartbeat'))
      return ok({ activeSelections: [], bookedSlots: [], lockedSlots: [], redisStatus: 'available', storageMode: 'redis', heartbeatIntervalMs: 1000, serverTime: new Date().toISOString() });
    return new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404 });
  });
}

describe('booking flow', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('walks service → staff → day → time → details, moving focus to each step heading', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', fakeApi(calls));
    configureApi('');
    const user = userEvent.setup();
    render(<App />);

    await user.click(await screen.findByRole('button', { name: /Haircut/ }));
    expect(await screen.findByRole('heading', { name: /Choose who/ })).toHaveFocus();

    await user.click(await screen.findByRole('button', { name: /Alex/ }));
    expect(await screen.findByRole('heading', { name: /Pick a day/ })).toHaveFocus();

    const freeDay = await screen.findByRole('button', { name: /1 free time/ });
    await user.click(freeDay);
    expect(await screen.findByRole('heading', { name: /Pick a time/ })).toHaveFocus();

    const grid = await screen.findByTestId('slot-grid');
    expect(within(grid).getByRole('button', { name: '09:30, booked' })).toBeDisabled();
    await user.click(within(grid).getByRole('button', { name: '09:00, available' }));
    await waitFor(() => expect(within(grid).getByRole('button', { name: '09:00, your selection' })).toBeInTheDocument());
    expect(calls).toContain('POST /api/v1/slots/select');

    await user.click(screen.getByRole('button', { name: 'Continue with 09:00' }));
    expect(await screen.findByRole('heading', { name: /Your details/ })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Review booking' }));
    expect(screen.getByLabelText(/Name/)).toHaveFocus();
    expect(screen.getByText('Please enter your name.')).toBeInTheDocument();
  });

  it('goes back a step with the Back button and keeps the choice', async () => {
    vi.stubGlobal('fetch', fakeApi([]));
    configureApi('');
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: /Haircut/ }));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('heading', { name: /Choose a service/ })).toHaveFocus();
    expect(screen.getByRole('button', { name: /Haircut/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('speaks German and, for a visitor in New York, shows each Berlin time with the visitor time under it', async () => {
    vi.stubEnv('TZ', 'America/New_York');
    try {
      vi.stubGlobal('fetch', fakeApi([]));
      configureApi('');
      const user = userEvent.setup();
      render(<App locale={{ language: 'de', tag: 'de-DE' }} />);
      expect(await screen.findByRole('heading', { name: /Leistung wählen/ })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: /Haircut.*30 Min\. · 35,00\s€/ })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: /Haircut/ }));
      await user.click(await screen.findByRole('button', { name: /Alex/ }));
      await user.click(await screen.findByRole('button', { name: /1 freie Uhrzeit/ }));
      expect(await screen.findByRole('heading', { name: /Uhrzeit wählen/ })).toHaveFocus();
      const grid = await screen.findByTestId('slot-grid');
      expect(within(grid).getByRole('button', { name: '09:00, 03:00 Ihre Zeit, frei' })).toBeEnabled();
      expect(screen.getByTestId('zone-note')).toHaveTextContent('Europe/Berlin');
      expect(screen.getByTestId('zone-note')).toHaveTextContent('America/New_York');
    } finally {
      vi.stubEnv('TZ', 'Europe/Berlin');
    }
  });
});
