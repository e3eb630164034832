import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '#common/calendar/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ engine: 'pglite', webDistDir: resolve('web/dist') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Today in Tehran, as the page should write it; both sides of a midnight are accepted. */
function todayCandidates(locale: 'fa' | 'en', calendar: 'jalali' | 'gregorian') {
  const now = Date.now();
  return [now - 60_000, now, now + 60_000].map((t) => formatDate(new Date(t), { locale, calendar, style: 'long', timeZone: 'Asia/Tehran' }));
}

describe('serving the web app', () => {
  it('answers client routes with the app and missing build files with 404', async () => {
    const route = await fetch(`${server.url}/settings/account`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    const missing = await fetch(`${server.url}/assets/no-such-chunk.js`);
    expect(missing.status).toBe(404);
  });
});

describe('a newcomer in Persian, then in English', () => {
  const email = `browser-${Date.now()}@example.com`;
  const password = 'a long browser passphrase';

  async function signIn(page: Page) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByTestId('signin-email').fill(email);
    await page.getByTestId('signin-password').fill(password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('home-page').waitFor();
  }

  it('signs up in Persian and sees an RTL interface with a Jalali date', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${server.url}/sign-up`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    await page.getByTestId('signup-name').fill('شیرین مرادی');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill(password);
    await page.getByTestId('signup-workspace').fill('پخش دارویی مهر');
    await screenshot(page, 'signup-fa');
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('home-page').waitFor();

    const today = (await page.getByTestId('today-date').textContent())!.trim();
    expect(todayCandidates('fa', 'jalali')).toContain(today);
    expect(today).toMatch(/[۰-۹]/);
    expect(today).not.toMatch(/[0-9]/);
    await expect.poll(() => page.getByTestId('appbar-workspace-name').textContent()).toContain('پخش دارویی مهر');

    // RTL: the navigation sits on the right edge, the text runs right to left.
    const nav = await page.getByTestId('nav').boundingBox();
    expect(nav!.x).toBeGreaterThan(1280 / 2);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    await screenshot(page, 'home-fa');
    await page.close();
  });

  it('creates an API key in the app and calls the API with it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signIn(page);
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-create-dialog').locator('input').first().fill('اتصال حسابداری');
    await page.getByTestId('api-key-create-submit').click();
    const secret = (await page.getByTestId('api-key-secret').textContent())!.trim();
    expect(secret).toMatch(/^pvk_/);
    await screenshot(page, 'api-key-created-fa');

    const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).workspace.name).toBe('پخش دارویی مهر');
    await page.close();
  });

  it('switches to English: LTR, Gregorian dates, Latin digits', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signIn(page);
    await page.getByTestId('nav-account-settings').click();
    await page.getByTestId('account-locale').selectOption('en');
    await page.getByTestId('account-calendar').selectOption('gregorian');
    await page.getByTestId('account-save').click();
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByTestId('nav-home').click();
    const today = (await page.getByTestId('today-date').textContent())!.trim();
    expect(todayCandidates('en', 'gregorian')).toContain(today);
    const nav = await page.getByTestId('nav').boundingBox();
    expect(nav!.x).toBeLessThan(1280 / 2);
    await screenshot(page, 'home-en');

    // The setting is stored on the server, not only in this page.
    const row = await server.peyvand.database.executeSql('select locale, calendar from users where email = $1', [email]);
    expect(row.rows[0]).toEqual({ locale: 'en', calendar: 'gregorian' });
    await page.close();
  });

  it('works on a 375 px phone: navigation behind a menu button', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page);
    expect(await page.getByTestId('nav-api-keys').isVisible()).toBe(false);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-api-keys').waitFor({ state: 'visible' });
    await screenshot(page, 'phone-nav-en');
    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-log-page').waitFor();
    // Nothing wider than the phone: no horizontal scrolling of the page itself.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'phone-audit-log-en');
    await context.close();
  });
});
