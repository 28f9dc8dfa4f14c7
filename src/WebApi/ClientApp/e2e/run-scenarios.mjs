// The widget's end-to-end scenarios. Run by e2e/run.sh, which starts the WebApi and sets E2E_* variables.
// Prints one line per scenario and, last, "scenarios: N passed, M failed" (run.sh turns it into the e2e summary).
import {
  assert, baseUrl, openPages, trouble, nthFreeDay, chooseUpToDate, currentStep, fillDetails, launch, lockTtlSeconds, openWidget, readOtp, shot, slot,
  tabTo, waitForSlotState, waitForStep, audits,
} from './lib.mjs';
import { i18nScenarios } from './i18n-scenarios.mjs';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Books one appointment by mouse, screenshotting every step for the README. Returns what was booked. */
async function book(page, { dayIndex = 0, timeIndex = 0, email, shots = null }) {
  const date = await chooseUpToDate(page, { dayIndex, shots });
  const free = page.locator('.ae-slot[data-state="available"]');
  const time = await free.nth(timeIndex).getAttribute('data-time');
  await slot(page, time).click();
  await waitForSlotState(page, time, 'mine', 5000);
  if (shots !== null) await shot(page, `${shots}4-time`);
  await page.getByRole('button', { name: `Continue with ${time}` }).click();
  await waitForStep(page, 5);
  await fillDetails(page, { name: 'Erika Mustermann', email, phone: '+49 30 1234567', notes: 'First visit.' });
  if (shots !== null) await shot(page, `${shots}5-details`);
  await page.getByRole('button', { name: 'Review booking' }).click();
  await waitForStep(page, 6);
  await page.getByText('This time is held for you for').waitFor();
  if (shots !== null) await shot(page, `${shots}6-review`);
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await waitForStep(page, 7);
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim();
  assert(reference, 'no booking reference shown');
  if (shots !== null) await shot(page, `${shots}7-confirmation`);
  return { date, time, reference };
}

/** "Another site": a page on a second origin with the documented <script> + <div data-appointease> snippet. */
async function withEmbeddingSite(run, { pageLang = 'en', widgetAttributes = '' } = {}) {
  const { createServer } = await import('node:http');
  const port = Number(process.env.E2E_EMBED_PORT ?? 0);
  const html = `<!doctype html><html lang="${pageLang}"><head><meta charset="utf-8"><title>Some other site</title></head>
<body><h1>Hair by the river</h1><div data-appointease data-api-base="${baseUrl}" ${widgetAttributes}></div>
<script src="${baseUrl}/app/appointease.js" defer></script></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.closeAllConnections(); // a kept-alive socket would keep serving this page to the next site on the port
    server.close();
  }
}

const scenarios = {
  async 'full booking'() {
    const { context, close } = await launch();
    try {
      const page = await openWidget(context);
      const { reference } = await book(page, { dayIndex: 0, timeIndex: 0, email: `full-${unique()}@example.com`, shots: '' });
      const ics = page.getByRole('link', { name: 'Add to calendar (.ics)' });
      const [download] = await Promise.all([page.waitForEvent('download'), ics.click()]);
      const path = await download.path();
      const text = (await import('node:fs')).readFileSync(path, 'utf8');
      assert(text.includes('BEGIN:VEVENT') && text.includes(reference), 'the .ics file lacks the event or reference');
      assert(await page.getByTestId('manage-link').isVisible(), 'no manage link on the confirmation');
      // Issue 24: the manage token rides in the fragment and is gone from the URL once the page has read it;
      // the widget page runs under its script policy without a single violation.
      const href = await page.getByTestId('manage-link').getAttribute('href');
      assert(href && new URL(href).search === '' && new URL(href).hash.includes('token='), `manage link puts its token in the query: ${href}`);
      const violations = [];
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
      await page.goto('about:blank'); // a real load, not a same-document fragment change
      await page.goto(href);
      await page.locator(`.ae-booking[data-reference="${reference}"]`).waitFor();
      assert(!page.url().includes('token'), `the manage token is still in the URL after load: ${page.url()}`);
      assert(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
    } finally {
      await close();
    }
  },

  async 'two visitors: B sees A select and hold, cannot book'() {
    const a = await launch();
    const b = await launch();
    try {
      const pageA = await openWidget(a.context);
      const pageB = await openWidget(b.context);
      const date = await chooseUpToDate(pageA, { dayIndex: 1 });
      await chooseUpToDate(pageB, { dayIndex: 1 });
      const time = await pageA.locator('.ae-slot[data-state="available"]').nth(1).getAttribute('data-time');
      await waitForSlotState(pageB, time, 'available', 5000);
      const picked = Date.now();
      await slot(pageA, time).click();
      await waitForSlotState(pageB, time, 'looking', 2000);
      const seenAfter = Date.now() - picked;
      assert(await slot(pageB, time).isDisabled(), 'B can still pick a slot A is looking at');
      const announced = await pageB.getByTestId('slot-announcer').textContent();
      assert(announced?.includes(`${time} is now someone is looking`), `the live region did not announce the change: "${announced}"`);
      await shot(pageB, 'two-visitors-b-sees-looking');

      await pageA.getByRole('button', { name: `Continue with ${time}` }).click();
      await fillDetails(pageA, { name: 'Visitor A', email: `a-${unique()}@example.com` });
      await pageA.getByRole('button', { name: 'Review booking' }).click();
      await pageA.getByText('This time is held for you for').waitFor();
      await waitForSlotState(pageB, time, 'held', 3000);
      assert(await slot(pageB, time).isDisabled(), 'B can pick a slot A holds');
      await shot(pageB, 'two-visitors-b-sees-held');

      // B goes around the UI: the API itself refuses to lock or book A's held slot.
      const attempt = await pageB.evaluate(
        async ({ base, date, time }) => {
          const employeeId = 1;
          const lock = await fetch(base + '/api/v1/slots/lock', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ date, employeeId, time, clientId: 'visitor-b-e2e-0001' }),
          });
          const book = await fetch(base + '/api/v1/appointments', {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
            body: JSON.stringify({ serviceId: 1, employeeId, date, time, clientId: 'visitor-b-e2e-0001', customer: { name: 'B', email: 'b@example.com' } }),
          });
          return { lock: lock.status, book: book.status };
        },
        { base: baseUrl, date, time },
      );
      assert(attempt.lock === 409, `B's lock of A's held slot answered ${attempt.lock}, expected 409`);
      assert(attempt.book === 409, `B's booking of A's held slot answered ${attempt.book}, expected 409`);

      await pageA.getByRole('button', { name: 'Confirm booking' }).click();
      await waitForStep(pageA, 7);
      await waitForSlotState(pageB, time, 'booked', 3000);
      console.log(`    B saw A's selection after ${seenAfter} ms`);
    } finally {
      await a.close();
      await b.close();
    }
  },

  async 'live push: B sees A select and book over the slot stream, heartbeat blocked'() {
    const a = await launch();
    const b = await launch();
    try {
      const pageA = await openWidget(a.context);
      const pageB = await openWidget(b.context);
      // B cannot poll at all: whatever it learns comes over GET /slots/stream (issue 19, acceptance 4).
      let streamed = 0;
      pageB.on('response', (r) => { if (r.url().includes('/api/v1/slots/stream') && r.status() === 200) streamed++; });
      await pageB.route('**/api/v1/heartbeat', (route) => route.abort());
      await chooseUpToDate(pageA, { dayIndex: 2 });
      await chooseUpToDate(pageB, { dayIndex: 2 });
      await pageB.locator('[data-testid="status-dot"][data-streaming="true"]').waitFor({ timeout: 5000 });
      const time = await pageA.locator('.ae-slot[data-state="available"]').nth(2).getAttribute('data-time');
      await waitForSlotState(pageB, time, 'available', 5000);
      const picked = Date.now();
      await slot(pageA, time).click();
      await waitForSlotState(pageB, time, 'looking', 2000);
      const seenAfter = Date.now() - picked;

      await pageA.getByRole('button', { name: `Continue with ${time}` }).click();
      await fillDetails(pageA, { name: 'Visitor A', email: `push-${unique()}@example.com` });
      await pageA.getByRole('button', { name: 'Review booking' }).click();
      await pageA.getByText('This time is held for you for').waitFor();
      await waitForSlotState(pageB, time, 'held', 3000);
      await pageA.getByRole('button', { name: 'Confirm booking' }).click();
      await waitForStep(pageA, 7);
      await waitForSlotState(pageB, time, 'booked', 3000);
      assert(streamed > 0, 'B never opened the slot stream');
      console.log(`    B saw A's selection after ${seenAfter} ms over the stream`);
    } finally {
      await a.close();
      await b.close();
    }
  },

  async 'hold expiry sends the visitor back to the grid'() {
    const { context, close } = await launch();
    try {
      const page = await openWidget(context);
      await chooseUpToDate(page, { dayIndex: 2 });
      const time = await page.locator('.ae-slot[data-state="available"]').first().getAttribute('data-time');
      await slot(page, time).click();
      await page.getByRole('button', { name: `Continue with ${time}` }).click();
      await fillDetails(page, { name: 'Slow Visitor', email: `slow-${unique()}@example.com` });
      await page.getByRole('button', { name: 'Review booking' }).click();
      await page.getByText('This time is held for you for').waitFor();
      await waitForStep(page, 4, (lockTtlSeconds + 10) * 1000);
      await page.getByText('Your hold on this time expired').waitFor();
      await shot(page, 'hold-expired');
      await waitForSlotState(page, time, 'available', 5000);
    } finally {
      await close();
    }
  },

  async 'manage my booking with the emailed code'() {
    const { context, close } = await launch();
    try {
      const page = await openWidget(context);
      const email = `manage-${unique()}@example.com`;
      const { reference } = await book(page, { dayIndex: 3, timeIndex: 0, email });
      await page.getByRole('button', { name: 'Manage my booking' }).click();
      await page.getByLabel('Email').fill(email);
      const since = Date.now();
      await shot(page, 'manage-1-email');
      await page.getByRole('button', { name: 'Send code' }).click();
      const code = await readOtp(email, since);
      await page.getByLabel(/Code sent to/).fill(code);
      await page.getByRole('button', { name: 'Show my bookings' }).click();
      const row = page.locator(`.ae-booking[data-reference="${reference}"]`);
      await row.waitFor();
      await shot(page, 'manage-2-list');

      await row.getByRole('button', { name: 'Reschedule' }).click();
      await waitForStep(page, 3);
      await (await nthFreeDay(page, 4)).click();
      await waitForStep(page, 4);
      const newTime = await page.locator('.ae-slot[data-state="available"]').first().getAttribute('data-time');
      await slot(page, newTime).click();
      await page.getByRole('button', { name: `Continue with ${newTime}` }).click();
      await waitForStep(page, 6);
      await page.getByRole('button', { name: 'Confirm new time' }).click();
      await page.getByText(`moved to`).waitFor();

      await page.locator(`.ae-booking[data-reference="${reference}"]`).getByRole('button', { name: 'Cancel booking' }).click();
      await page.getByText(`Booking ${reference} is cancelled.`).waitFor();
      await shot(page, 'manage-3-cancelled');
    } finally {
      await close();
    }
  },

  async 'embedded on another origin (script + div, CORS)'() {
    await withEmbeddingSite(async (url) => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        openPages.add(page);
        // A browser without EventSource: the widget polls the heartbeat, whose 304 below proves the ETag crosses CORS.
        await page.addInitScript(() => { delete window.EventSource; });
        await page.goto(url);
        await page.locator('.ae-widget .ae-choice').first().waitFor();
        const cssLinked = await page.evaluate(() => !!document.querySelector('link[data-appointease-css]'));
        assert(cssLinked, 'the script did not add its stylesheet');
        const notModified = page.waitForResponse((r) => r.url().includes('/api/v1/heartbeat') && r.status() === 304, { timeout: 60000 });
        await chooseUpToDate(page, { dayIndex: 5 });
        assert((await page.locator('.ae-slot').count()) > 0, 'no slots in the embedded widget');
        // The widget can only send If-None-Match if CORS lets it read the ETag: a 304 proves it did.
        await notModified.catch(() => { throw new Error('no 304 heartbeat on the embedding page (ETag not readable cross-origin?)'); });

        // A replayed booking is told apart only through the Idempotent-Replayed header, read here by the embedding page.
        const replay = await page.evaluate(async (api) => {
          const get = async (path) => (await fetch(`${api}${path}`)).json();
          const [service] = await get('/api/v1/services');
          const [employee] = await get('/api/v1/employees');
          for (let days = 20; days < 60; days++) {
            const date = new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
            const day = await get(`/api/v1/availability?date=${date}&employeeId=${employee.id}&serviceId=${service.id}`);
            const free = (day.slots ?? []).find((s) => s.status === 'available');
            if (!free) continue;
            const key = `embed-${Date.now()}-${Math.random().toString(36).slice(2)}`;
            const body = JSON.stringify({ serviceId: service.id, employeeId: employee.id, date, time: free.time,
              customer: { name: 'Embedded Replay', email: 'embedded-replay@example.com' } });
            const send = () => fetch(`${api}/api/v1/appointments`,
              { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body });
            const first = await send();
            const second = await send();
            return { first: first.status, second: second.status, replayed: second.headers.get('Idempotent-Replayed') };
          }
          return null;
        }, baseUrl);
        assert(replay, 'no free slot found for the replay check');
        assert(replay.first === 201 && replay.second === 201, `booking answered ${replay.first} then ${replay.second}`);
        assert(replay.replayed === 'true', `Idempotent-Replayed not readable from the embedding page (got ${replay.replayed})`);
      } finally {
        await close();
      }
    });
  },

  async 'embedded: the page lang picks the language, data-locale overrides it'() {
    const { context, close } = await launch(undefined, { locale: 'en-US' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      openPages.add(page);
      const spoken = async () => {
        await page.locator('.ae-widget .ae-choice').first().waitFor();
        return { lang: await page.locator('.ae-widget').getAttribute('lang'), title: (await page.locator('.ae-step-title').textContent())?.trim() };
      };
      await withEmbeddingSite(async (url) => {
        await page.goto(url);
        const es = await spoken();
        assert(es.lang === 'es' && es.title?.includes('Elige un servicio'), `a lang="es" page got ${JSON.stringify(es)}`);
      }, { pageLang: 'es' });
      await withEmbeddingSite(async (url) => {
        await page.goto(url);
        const de = await spoken();
        assert(de.lang === 'de' && de.title?.includes('Leistung wählen'), `data-locale="de" on a lang="es" page got ${JSON.stringify(de)}`);
      }, { pageLang: 'es', widgetAttributes: 'data-locale="de"' });
    } finally {
      await close();
    }
  },

  async 'keyboard-only booking at 360 px'() {
    const { context, close } = await launch({ width: 360, height: 780 });
    try {
      const page = await openWidget(context);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `page scrolls sideways at 360 px by ${overflow}px`);
      const focusedHeading = async () => page.evaluate(() => document.activeElement?.classList.contains('ae-step-title') ?? false);

      await tabTo(page, '.ae-choice[data-service-id="1"]');
      await page.keyboard.press('Enter');
      await waitForStep(page, 2);
      assert(await focusedHeading(), 'focus did not move to the step 2 heading');
      await page.locator('[data-staff="2"]').waitFor();
      await tabTo(page, '[data-staff="2"]');
      await page.keyboard.press('Enter');
      await waitForStep(page, 3);
      await page.locator('.ae-day-free').first().waitFor();
      assert(await focusedHeading(), 'focus did not move to the step 3 heading');
      await tabTo(page, '.ae-day-free');
      await page.keyboard.press('ArrowRight'); // arrow keys move between free days
      await page.keyboard.press('Enter');
      await waitForStep(page, 4);
      await page.locator('.ae-slot[data-state="available"]').first().waitFor();
      await tabTo(page, '.ae-slot[data-state="available"]');
      await page.keyboard.press('ArrowRight');
      const time = await page.evaluate(() => document.activeElement?.getAttribute('data-time'));
      await page.keyboard.press('Enter');
      await waitForSlotState(page, time, 'mine', 5000);
      await tabTo(page, '.ae-btn-primary');
      await page.keyboard.press('Enter');
      await waitForStep(page, 5);
      await tabTo(page, '#ae-name');
      await page.keyboard.type('Keyboard User');
      await page.keyboard.press('Tab');
      await page.keyboard.type(`keys-${unique()}@example.com`);
      await page.keyboard.press('Enter'); // submits the form
      await waitForStep(page, 6);
      await page.getByText('This time is held for you for').waitFor();
      await tabTo(page, '.ae-btn-primary');
      await page.keyboard.press('Enter');
      await waitForStep(page, 7);
      assert(await focusedHeading(), 'focus did not move to the confirmation heading');
      const overflowEnd = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflowEnd <= 0, `confirmation scrolls sideways at 360 px by ${overflowEnd}px`);
      await shot(page, 'keyboard-360-confirmation');
    } finally {
      await close();
    }
  },

  ...i18nScenarios,
};

const only = (process.env.E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
let passed = 0;
let failed = 0;
for (const [name, run] of Object.entries(scenarios)) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const started = Date.now();
  openPages.clear();
  trouble.length = 0;
  try {
    await run();
    passed++;
    console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    const dir = process.env.E2E_ARTIFACTS ?? '/tmp/appointease-e2e-failures';
    await (await import('node:fs/promises')).mkdir(dir, { recursive: true });
    let i = 0;
    for (const page of openPages) await page.screenshot({ path: `${dir}/${name.replace(/\W+/g, '-')}-${i++}.png` }).catch(() => {});
    for (const line of trouble.slice(-8)) console.log(`        seen: ${line}`);
    console.log(`  FAIL  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n        ${String(error?.message ?? error).split('\n').slice(0, 3).join('\n        ')}`);
  }
}
if (audits.length) {
  const lesser = audits.filter((a) => a.lesser > 0);
  const blocking = audits.reduce((n, a) => n + a.blocking, 0);
  console.log(`  axe WCAG 2.1 AA: ${audits.length} audits, ${blocking} serious/critical` + (lesser.length ? `; lesser: ${lesser.map((a) => `${a.where} ${a.ids.join(',')}`).join('; ')}` : ''));
}
console.log(`scenarios: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
