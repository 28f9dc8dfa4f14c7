// Issue 22: the widget in the visitor's language and time zone, and the axe-core WCAG 2.1 AA audit of every step.
// Imported by run-scenarios.mjs; each scenario books for real against the WebApi that run.sh started.
import { TZDate } from '@date-fns/tz';
import {
  assert, audit, baseUrl, businessTimeZone, chooseUpToDate, launch, nthFreeDay, openWidget, shot, slot, waitForSlotState, waitForStep,
} from './lib.mjs';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The words the scenarios click and expect, per language (the widget's own catalogues are TypeScript; see src/i18n). */
const words = {
  en: {
    tag: 'en-US', step: 'Step 1 of 6', titles: ['Choose a service', 'Choose who', 'Pick a day', 'Pick a time', 'Your details', 'Review and confirm', 'Booked'],
    continueWith: (t) => `Continue with ${t}`, submit: 'Review booking', nameRequired: 'Please enter your name.',
    held: 'This time is held for you for', confirm: 'Confirm booking', booked: "You're booked.", manage: 'Manage my booking', send: 'Send code',
    findTitle: 'Find your bookings',
  },
  de: {
    tag: 'de-DE', step: 'Schritt 1 von 6', titles: ['Leistung wählen', 'Bei wem?', 'Tag wählen', 'Uhrzeit wählen', 'Ihre Angaben', 'Prüfen und bestätigen', 'Gebucht'],
    continueWith: (t) => `Weiter mit ${t}`, submit: 'Buchung prüfen', nameRequired: 'Bitte geben Sie Ihren Namen ein.',
    held: 'Diese Uhrzeit ist noch', confirm: 'Buchung bestätigen', booked: 'Ihr Termin ist gebucht.', manage: 'Meine Buchung verwalten', send: 'Code senden',
    findTitle: 'Ihre Buchungen finden',
  },
  es: {
    tag: 'es-ES', step: 'Paso 1 de 6', titles: ['Elige un servicio', 'Elige con quién', 'Elige un día', 'Elige una hora', 'Tus datos', 'Revisa y confirma', 'Reservado'],
    continueWith: (t) => `Continuar con las ${t}`, submit: 'Revisar la reserva', nameRequired: 'Escribe tu nombre.',
    held: 'Esta hora está reservada para ti durante', confirm: 'Confirmar la reserva', booked: 'Tu cita está reservada.', manage: 'Gestionar mi reserva',
    send: 'Enviar código', findTitle: 'Busca tus reservas',
  },
};

const utcDay = (day) => new Date(`${day}T00:00:00Z`);
const dayPart = (tag, day, part) => new Intl.DateTimeFormat(tag, { [part]: part === 'day' ? 'numeric' : 'long', timeZone: 'UTC' }).format(utcDay(day));

/** The weekday, day number, month (and year) of a wire date as the locale writes them, all present in `text`. */
function assertLocaleDate(text, tag, day, { year = false } = {}) {
  const parts = ['weekday', 'day', 'month', ...(year ? ['year'] : [])].map((p) => (p === 'year' ? day.slice(0, 4) : dayPart(tag, day, p)));
  const missing = parts.filter((p) => !text.includes(p));
  assert(missing.length === 0, `"${text}" lacks ${missing.join(', ')} of ${day} in ${tag}`);
}

async function heading(page) {
  return (await page.locator('.ae-step-title').first().textContent())?.trim() ?? '';
}

/** One booking in `language` through the demo page (data-locale="auto": the browser's language), audited at every step. */
async function bookAudited(language, dayIndex) {
  const w = words[language];
  const { context, close } = await launch(undefined, { locale: w.tag });
  try {
    const page = await openWidget(context);
    assert((await page.locator('.ae-widget').getAttribute('lang')) === language, `the widget is not lang="${language}"`);
    const first = await heading(page);
    assert(first.includes(w.titles[0]) && first.includes(w.step), `step 1 heading "${first}"`);
    await audit(page, `${language} step 1`);

    await page.locator('[data-service-id="1"]').click();
    await waitForStep(page, 2);
    await page.locator('[data-staff="1"]').waitFor();
    assert((await heading(page)).includes(w.titles[1]), `step 2 heading "${await heading(page)}"`);
    await audit(page, `${language} step 2`);

    await page.locator('[data-staff="1"]').click();
    await waitForStep(page, 3);
    await page.locator('.ae-day-free').first().waitFor();
    assert((await heading(page)).includes(w.titles[2]), `step 3 heading "${await heading(page)}"`);
    const day = await (await nthFreeDay(page, dayIndex)).getAttribute('data-date');
    const month = (await page.locator('.ae-calendar-month').textContent()) ?? '';
    assert(month.includes(dayPart(w.tag, day, 'month')) && month.includes(day.slice(0, 4)), `month label "${month}" is not ${day}'s month in ${w.tag}`);
    assertLocaleDate((await page.locator(`.ae-day[data-date="${day}"]`).getAttribute('aria-label')) ?? '', w.tag, day);
    await audit(page, `${language} step 3`);

    await page.locator(`.ae-day[data-date="${day}"]`).click();
    await waitForStep(page, 4);
    await page.locator('.ae-slot[data-state="available"]').first().waitFor();
    assert((await heading(page)).includes(w.titles[3]), `step 4 heading "${await heading(page)}"`);
    assertLocaleDate((await page.locator('.ae-flow > p.ae-muted').first().textContent()) ?? '', w.tag, day);
    const time = await page.locator('.ae-slot[data-state="available"]').first().getAttribute('data-time');
    await slot(page, time).click();
    await waitForSlotState(page, time, 'mine', 5000);
    await audit(page, `${language} step 4`);
    if (language !== 'en') await shot(page, `${language}-4-time`);

    await page.getByRole('button', { name: w.continueWith(time) }).click();
    await waitForStep(page, 5);
    assert((await heading(page)).includes(w.titles[4]), `step 5 heading "${await heading(page)}"`);
    await audit(page, `${language} step 5`);
    await page.getByRole('button', { name: w.submit }).click();
    await page.getByText(w.nameRequired).waitFor();
    await audit(page, `${language} step 5 with errors`);
    await page.locator('#ae-name').fill('Erika Mustermann');
    await page.locator('#ae-email').fill(`${language}-${unique()}@example.com`);
    await page.getByRole('button', { name: w.submit }).click();

    await waitForStep(page, 6);
    await page.getByText(w.held).waitFor();
    assert((await heading(page)).includes(w.titles[5]), `step 6 heading "${await heading(page)}"`);
    assertLocaleDate((await page.locator('.ae-summary').textContent()) ?? '', w.tag, day, { year: true });
    await audit(page, `${language} step 6`);
    await page.getByRole('button', { name: w.confirm }).click();

    await waitForStep(page, 7);
    await page.getByText(w.booked).waitFor();
    assert((await heading(page)).includes(w.titles[6]), `step 7 heading "${await heading(page)}"`);
    assertLocaleDate((await page.getByTestId('booked-when').textContent()) ?? '', w.tag, day, { year: true });
    await audit(page, `${language} step 7`);

    await page.getByRole('button', { name: w.manage }).click();
    await page.getByRole('heading', { name: w.findTitle }).waitFor();
    await page.getByRole('button', { name: w.send }).click(); // empty address: the field error shows
    await page.locator('#ae-manage-error').waitFor();
    await audit(page, `${language} manage`);
  } finally {
    await close();
  }
}

const pad = (n) => String(n).padStart(2, '0');

/** What a business wall time reads on a clock in `zone` (the instant by @date-fns/tz, the reading by Intl). */
function clockIn(zone, day, time) {
  const [y, m, d] = day.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const instant = new Date(new TZDate(y, m - 1, d, h, mi, businessTimeZone).getTime());
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${pad(Number(parts.hour))}:${parts.minute}` };
}

export const i18nScenarios = {
  async 'en: every step and the manage form pass the axe WCAG 2.1 AA audit'() {
    await bookAudited('en', 6);
  },

  async 'de: translated steps, German dates, axe-clean at every step'() {
    await bookAudited('de', 7);
  },

  async 'es: translated steps, Spanish dates, axe-clean at every step'() {
    await bookAudited('es', 8);
  },

  async 'visitor in America/New_York: both clocks shown, booked at the business time picked'() {
    const visitorZone = 'America/New_York';
    assert(businessTimeZone !== visitorZone, 'the business must be in another zone than the visitor for this scenario');
    const { context, close } = await launch(undefined, { locale: 'en-US', timezoneId: visitorZone });
    try {
      const page = await openWidget(context);
      assert((await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)) === visitorZone, 'the browser is not in New York');
      const date = await chooseUpToDate(page, { dayIndex: 9 });
      const note = (await page.getByTestId('zone-note').textContent()) ?? '';
      assert(note.includes(businessTimeZone) && note.includes(visitorZone), `zone note "${note}" does not name both zones`);

      const free = page.locator('.ae-slot[data-state="available"]').first();
      const time = await free.getAttribute('data-time');
      const shown = await free.getAttribute('data-local-time');
      const expected = clockIn(visitorZone, date, time);
      assert(shown === expected.time && shown !== time, `slot ${time} at the business shows "${shown}" for New York, expected ${expected.time}`);
      assert((await free.textContent())?.includes(`${expected.time} your time`), 'the slot does not show the visitor time');
      await audit(page, 'New York step 4');
      await shot(page, 'new-york-4-time');

      await slot(page, time).click();
      await waitForSlotState(page, time, 'mine', 5000);
      await page.getByRole('button', { name: `Continue with ${time}` }).click();
      await waitForStep(page, 5);
      await page.locator('#ae-name').fill('Visitor Abroad');
      await page.locator('#ae-email').fill(`ny-${unique()}@example.com`);
      await page.getByRole('button', { name: 'Review booking' }).click();
      await waitForStep(page, 6);
      await page.getByText('This time is held for you for').waitFor();
      const both = (await page.getByTestId('when-both-zones').textContent()) ?? '';
      assert(both.includes(`${expected.time} your time`) && both.includes(`${time} at`), `review says "${both}"`);
      await audit(page, 'New York step 6');
      await shot(page, 'new-york-6-review');
      await page.getByRole('button', { name: 'Confirm booking' }).click();

      await waitForStep(page, 7);
      const when = page.getByTestId('booked-when');
      assert((await when.getAttribute('data-date')) === date && (await when.getAttribute('data-time')) === time,
        `booked ${await when.getAttribute('data-date')} ${await when.getAttribute('data-time')}, picked ${date} ${time} business time`);
      assert(((await page.getByTestId('when-both-zones').textContent()) ?? '').includes(`${expected.time} your time`), 'the confirmation lacks the visitor time');
      await audit(page, 'New York step 7');

      // The server booked the business wall time the visitor picked, not the New York reading of it.
      const status = await page.evaluate(async ({ base, date, time }) => {
        const day = await (await fetch(`${base}/api/v1/availability?date=${date}&employeeId=1&serviceId=1`)).json();
        return (day.slots ?? []).find((s) => s.time === time)?.status ?? null;
      }, { base: baseUrl, date, time });
      assert(status === 'booked', `the API shows ${date} ${time} as ${status}, not booked`);
    } finally {
      await close();
    }
  },
};
