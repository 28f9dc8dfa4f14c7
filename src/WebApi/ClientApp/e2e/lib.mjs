// Helpers for the widget's end-to-end scenarios (playwright-core driving Debian's Chromium).
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:5000';
export const maildir = process.env.E2E_MAILDIR ?? '';
export const screenshotDir = process.env.E2E_SCREENSHOTS ?? '';
export const lockTtlSeconds = Number(process.env.E2E_LOCK_TTL_SECONDS ?? 20);
/** The business's IANA zone run.sh gave the WebApi (Business:TimeZone). */
export const businessTimeZone = process.env.E2E_BUSINESS_TIME_ZONE ?? 'Europe/Berlin';

const flags = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * A fresh browser with its own empty profile (a persistent context on a new temp dir). Unless told otherwise it is
 * an en-US browser in the business's time zone; `locale` sets navigator.language(s) and `timezoneId` emulates a zone.
 */
export async function launch(viewport = { width: 420, height: 900 }, { locale = 'en-US', timezoneId = businessTimeZone } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'appointease-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: flags,
    viewport,
    deviceScaleFactor: 1,
    acceptDownloads: true,
    locale,
    timezoneId,
  });
  context.setDefaultTimeout(10_000);
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Pages of the running scenario, screenshotted to $E2E_ARTIFACTS when it fails. */
export const openPages = new Set();
/** API answers ≥ 400 and page errors seen during the running scenario, printed when it fails. */
export const trouble = [];

export async function openWidget(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  openPages.add(page);
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  page.on('response', async (r) => {
    if (r.status() >= 400 && r.url().includes('/api/')) {
      const body = await r.text().catch(() => '');
      trouble.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()} ${body.slice(0, 200)}`);
    }
  });
  await page.goto(baseUrl + '/');
  await page.locator('.ae-choice').first().waitFor();
  return page;
}

export async function shot(page, name) {
  if (!screenshotDir) return;
  await page.locator('.ae-widget').screenshot({ path: join(screenshotDir, `${name}.png`) });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The current step number the flow shows (data-step on the flow section). */
export async function currentStep(page) {
  return Number(await page.locator('.ae-flow').getAttribute('data-step'));
}

export async function waitForStep(page, step, timeout = 10_000) {
  await page.locator(`.ae-flow[data-step="${step}"]`).waitFor({ timeout });
}

export const slot = (page, time) => page.locator(`.ae-slot[data-time="${time}"]`);

export async function waitForSlotState(page, time, state, timeout) {
  await page.locator(`.ae-slot[data-time="${time}"][data-state="${state}"]`).waitFor({ timeout });
}

/** Steps 1–3 by mouse: service by name, staff by id ("any" too), the n-th day with free slots. */
export async function chooseUpToDate(page, { service = 'Haircut', staff = '1', dayIndex = 0, shots = null } = {}) {
  if (shots !== null) await shot(page, `${shots}1-service`);
  await page.getByRole('button', { name: new RegExp(service) }).click();
  await waitForStep(page, 2);
  await page.locator(`[data-staff="${staff}"]`).waitFor();
  if (shots !== null) await shot(page, `${shots}2-staff`);
  await page.locator(`[data-staff="${staff}"]`).click();
  await waitForStep(page, 3);
  await page.locator('.ae-day-free').first().waitFor();
  if (shots !== null) await shot(page, `${shots}3-date`);
  const day = await nthFreeDay(page, dayIndex);
  const date = await day.getAttribute('data-date');
  await day.click();
  await waitForStep(page, 4);
  await page.locator('.ae-slot').first().waitFor();
  return date;
}

/** The n-th free day of the shown month, wrapping around when the month has fewer (late in a month). */
export async function nthFreeDay(page, index) {
  const days = page.locator('.ae-day-free');
  await days.first().waitFor();
  return days.nth(index % (await days.count()));
}

export async function fillDetails(page, { name, email, phone = '', notes = '' }) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  if (phone) await page.getByLabel('Phone (optional)').fill(phone);
  if (notes) await page.getByLabel('Notes (optional)').fill(notes);
}

/** The OTP from the newest sign-in mail (subject mentions "code") to `email` in the sink's maildir (new/), waiting up to `timeout`. */
export async function readOtp(email, since, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const dir = join(maildir, 'new');
    let files = [];
    try {
      files = readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).mtimeMs >= since - 1000);
    } catch {
      /* not created yet */
    }
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      if (!raw.toLowerCase().includes(email.toLowerCase())) continue;
      // Only the sign-in mail: a booking confirmation to the same address carries 6-digit numbers too (its reference).
      if (!/^Subject:.*code/im.test(raw)) continue;
      const code = findCode(raw);
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no OTP mail for ${email} in ${maildir}/new within ${timeout} ms`);
}

function findCode(raw) {
  const texts = [raw];
  // base64 bodies: decode every run of base64 lines.
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));
    if (lines.length) texts.push(Buffer.from(lines.join(''), 'base64').toString('utf8'));
  }
  // quoted-printable soft breaks
  texts.push(raw.replace(/=\r?\n/g, ''));
  for (const text of texts) {
    const near = text.match(/code[^0-9]{0,60}(\d{6})\b/i);
    if (near) return near[1];
  }
  for (const text of texts.slice(1)) {
    const any = text.match(/\b(\d{6})\b/);
    if (any) return any[1];
  }
  return null;
}

/** Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard focus never reached ${selector}`);
}

/** axe-core's WCAG 2.0/2.1 A and AA rules: what "WCAG 2.1 AA" means for the audit. */
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Once per run: the same audit must catch a page with two known critical faults (an image without alt text, a button
 * without a name), so a green audit means "no violations", never "axe did not run" or "the tags matched no rule".
 */
let canaryPassed = false;
async function auditCanary(context) {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><html lang="en"><head><title>canary</title></head><body><main><img src="data:,"><button></button></main></body></html>');
    const { violations } = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();
    const found = violations.filter((v) => v.impact === 'critical').map((v) => v.id);
    if (!found.includes('image-alt') || !found.includes('button-name')) throw new Error(`the axe canary page was not caught: ${found.join(', ') || 'nothing found'}`);
    canaryPassed = true;
  } finally {
    await page.close();
  }
}

/** Every audit of the run, for the summary line: where, and how many lesser (moderate/minor) findings it had. */
export const audits = [];

/**
 * Audits the page as it is now with axe-core and fails on any serious or critical violation, naming the rule and
 * the first elements. Lesser findings are counted and printed with the scenario, not failed.
 */
export async function audit(page, where) {
  if (!canaryPassed) await auditCanary(page.context());
  const { violations } = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  audits.push({ where, blocking: blocking.length, lesser: violations.length - blocking.length, ids: violations.map((v) => `${v.id}:${v.impact}`) });
  if (blocking.length)
    throw new Error(
      `axe (${where}): ${blocking
        .map((v) => `${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
        .join(' | ')}`,
    );
}
