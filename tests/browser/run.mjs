// The pages in a real browser: Debian's chromium driven by Playwright.
//
//   node tests/browser/run.mjs <base URL> <output folder>
//
// Against a server with the demo hub (`portineria serve --demo`, or the
// test in tests/browser.rs), it
//   * walks the people's flows (book and see it confirmed; a request
//     approved by a manager in one click; a cancellation with its refund),
//   * crawls the pages each role reaches (nobody, member, provider,
//     manager), in Italian and in English, running axe on every one, and
//     checks those no link leads to (an emailed link's, an error's, a
//     weekly series' result),
//   * fails on any request to another origin, any console or page error,
//     a missing or broken page, and any axe violation,
//   * writes summary.json and two screenshots (resident.png, manager.png)
//     into the output folder,
//   * or, when the names carry `card` (the hub then takes payments by
//     card), only pays a request on Stripe's page (the test's stand-in at
//     `card.stripeOrigin`, the one other origin allowed, and only while the
//     member is there) and has it approved; summary in card-summary.json,
// and exits non-zero with the reasons when anything failed.
//
// The demo's names come from PORTINERIA_BROWSER_DEMO (JSON, set by the Rust
// test from src/demo); the defaults below are the same. The npm packages
// are found in NODE_PATH (.ci/tools/browser/node_modules, installed by
// .ci/install-test-tools).

import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = (process.env.NODE_PATH || '').split(path.delimiter).find(Boolean)
  || path.join(here, '../../.ci/tools/browser/node_modules');
// A relative NODE_PATH (as in the README) is relative to where node runs.
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const { chromium } = require('playwright-core');
const axe = require('@axe-core/playwright');
const AxeBuilder = axe.AxeBuilder ?? axe.default;

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node tests/browser/run.mjs <base URL> <output folder>');
  process.exit(2);
}
const origin = new URL(base).origin;
mkdirSync(out, { recursive: true });

const demo = {
  hub: 'demo',
  timeZone: 'Europe/Rome',
  password: 'portineria-demo',
  accounts: {
    manager: 'manager@demo.portineria.test',
    provider: 'provider@demo.portineria.test',
    member: 'member@demo.portineria.test',
  },
  instantRoom: 'Sala Lettura',
  approvalRoom: 'Sala Grande',
  // The server's "now" (its clock may be a test's); the browser's otherwise.
  now: new Date().toISOString(),
  ...JSON.parse(process.env.PORTINERIA_BROWSER_DEMO || '{}'),
};
const hub = `/hubs/${demo.hub}`;
const LANGUAGES = ['it', 'en'];
const PAGES_PER_CRAWL = 60;
const DESKTOP = { width: 1280, height: 900 };
// The English crawls run on a phone-sized screen: nothing may be wider than it.
const PHONE = { width: 375, height: 740 };
const screenFor = (language) => (language === 'en' ? PHONE : DESKTOP);

const failures = [];
const visited = [];
const flows = {};
const fail = (reason) => {
  failures.push(reason);
  console.error(`FAIL ${reason}`);
};

const browser = await chromium.launch({
  executablePath: process.env.PORTINERIA_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A browser profile of its own, watched: nothing leaves the origin, the
// console stays clean, every page and asset answers.
async function session(role, language) {
  const context = await browser.newContext({ locale: language, viewport: screenFor(language) });
  const where = () => `${role}/${language}`;
  // Set while the member is on Stripe's page, which may load its own.
  const s = { context, role, language, atStripe: false };
  const allowed = (url) => new URL(url).origin === origin
    || (s.atStripe && new URL(url).origin === demo.card?.stripeOrigin);
  context.on('request', (request) => {
    const url = request.url();
    if (!/^(data|blob|about):/.test(url) && !allowed(url)) {
      fail(`${where()}: ${request.frame()?.url() ?? '?'} asked another origin: ${url}`);
    }
  });
  context.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' && response.status() >= 400) {
      fail(`${where()}: ${response.url()} answered ${response.status()} (loaded by ${request.frame()?.url()})`);
    }
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    // A page answered with 4xx is logged as a failed load; the crawl
    // judges every status itself, with the reason.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      fail(`${where()}: console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => fail(`${where()}: page error on ${page.url()}: ${error.message}`));
  // The page's own language switch, as a person would use it.
  await open(page, `/language?to=${language}&back=/`);
  if (role !== 'nobody') await logIn(page, demo.accounts[role]);
  s.page = page;
  return s;
}

// Opens `target`; its status. For an error status with an empty body
// chromium shows its own error page (and Playwright throws): the tab is
// then left blank, so that page is neither checked as ours nor cuts off
// the next navigation when it arrives late.
async function open(page, target) {
  const url = new URL(target, origin).href;
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    return response ? response.status() : 0;
  } catch (error) {
    if (!error.message.includes('ERR_HTTP_RESPONSE_CODE_FAILURE')) throw error;
    const status = (await page.request.get(url, { maxRedirects: 0 })).status();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const blank = await page.goto('about:blank').then(() => true, () => false);
      if (blank) break;
    }
    return status;
  }
}

// Whether the page shown is ours (not chromium's error page, nor a file).
const ours = (page) => page.url().startsWith(origin)
  && page.evaluate(() => document.contentType === 'text/html').catch(() => false);

// Clicks the submit button of `form` and waits for the page it leads to.
async function submit(page, form) {
  const button = form.locator('button[type=submit], button:not([type]), input[type=submit]').first();
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response ? response.status() : 0;
}

async function logIn(page, email) {
  await open(page, '/login');
  const form = page.locator('form[action="/login"]');
  await form.locator('[name=email]').fill(email);
  await form.locator('[name=password]').fill(demo.password);
  await submit(page, form);
  if ((await page.locator('form[action="/logout"]').count()) === 0) {
    throw new Error(`could not log in as ${email} (now on ${page.url()}: ${await problem(page)})`);
  }
}

// What a page says went wrong, for a readable reason.
async function problem(page) {
  const said = await page.locator('.error, [role=alert], .notice, h1').allInnerTexts()
    .catch(() => []); // chromium's own error page may still be loading
  return said.join(' | ').replace(/\s+/g, ' ').slice(0, 300) || '(nothing said)';
}

// Runs axe on the page shown; records it in the summary.
async function check(s, label = s.page.url()) {
  const { page } = s;
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== s.language) fail(`${s.role}/${s.language}: ${label} is in '${lang}', not '${s.language}'`);
  if (screenFor(s.language) === PHONE) {
    const [wide, screen] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (wide > screen + 1) fail(`${s.role}/${s.language}: ${label} is ${wide} px wide on a ${screen} px phone screen`);
  }
  const results = await new AxeBuilder({ page }).analyze();
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      fail(`${s.role}/${s.language}: axe '${violation.id}' (${violation.help}) on ${label} at ${node.target.join(' ')}`);
    }
  }
  visited.push({ url: label, role: s.role, language: s.language, violations: results.violations.length });
}

// One page per path shape: ids collapse, and so do query values.
function shape(url) {
  const keys = [...url.searchParams.keys()].sort().join('&');
  const route = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id');
  return keys ? `${route}?${keys}` : route;
}

const SKIP = [/^\/logout/, /^\/language/, /\.ics$/, /\.csv$/, /\.geojson$/, /^\/graphql/, /^\/directory\//, /^\/assets\//];

// Crawls same-origin GET links from `starts`, axe on each page.
async function crawl(s, starts) {
  const seen = new Set();
  const queue = starts.map((start) => ({ url: new URL(start, origin), from: null }));
  let count = 0;
  while (queue.length && count < PAGES_PER_CRAWL) {
    const { url, from } = queue.shift();
    if (url.origin !== origin || SKIP.some((rule) => rule.test(url.pathname)) || seen.has(shape(url))) continue;
    seen.add(shape(url));
    count += 1;
    const status = await open(s.page, url.href);
    const label = `${url.pathname}${url.search}`;
    // A start page may refuse this role (401/403), never be missing; a link must lead somewhere.
    if (status === 404 || status >= 500 || (from && status >= 400 && ![401, 403].includes(status))) {
      fail(`${s.role}/${s.language}: ${label} answered ${status}${from ? ` (linked from ${from})` : ''}: ${await problem(s.page)}`);
    }
    if (!(await ours(s.page))) continue;
    await check(s, label);
    const links = await s.page.$$eval('a[href]', (anchors) => anchors.map((a) => a.getAttribute('href')));
    for (const href of links) {
      const next = new URL(href, s.page.url());
      next.hash = '';
      queue.push({ url: next, from: label });
    }
  }
}

// The hub's wall-clock date `days` after the server's now, as YYYY-MM-DD.
function localDate(days) {
  const day = new Date(Date.parse(demo.now) + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: demo.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
}

// A flow: its steps run, its failure is recorded with the step it stopped at.
async function flow(name, steps) {
  const started = Date.now();
  try {
    await steps();
    flows[name] = { passed: true, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    flows[name] = { passed: false, reason: error.message };
    fail(`flow '${name}': ${error.message}`);
  }
}

async function expectOn(page, selector, what) {
  if ((await page.locator(selector).count()) === 0) {
    throw new Error(`${what}: no ${selector} on ${page.url()} (${await problem(page)})`);
  }
}

// The member opens a listing from the hub's page, asks for a quote and confirms.
async function book(s, title, days, from, to) {
  if (!s) throw new Error('the member could not log in');
  const { page } = s;
  const status = await open(page, hub);
  const link = page.locator(`a[href^="${hub}/listings/"]`, { hasText: title }).first();
  if ((await link.count()) === 0) {
    throw new Error(`no link to '${title}' on ${hub} (it answered ${status}: ${await problem(page)})`);
  }
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  await check(s);
  const listing = page.url();
  const form = page.locator('form[data-flow=book]');
  await expectOn(page, 'form[data-flow=book]', `the page of '${title}'`);
  await form.locator('[name=date]').fill(localDate(days));
  await form.locator('[name=start]').fill(from);
  await form.locator('[name=end]').fill(to);
  if ((await form.locator('[name=quantity]').count()) > 0) await form.locator('[name=quantity]').fill('1');
  await submit(page, form);
  await expectOn(page, 'form[data-flow=confirm]', `the quote for '${title}' on ${localDate(days)} ${from}-${to}`);
  await check(s);
  await submit(page, page.locator('form[data-flow=confirm]'));
  await check(s);
  return listing;
}

// Fills the required fields a form leaves empty (a reason, a note).
async function fillRequired(form) {
  for (const field of await form.locator('input[required]:not([type=hidden]), textarea[required]').all()) {
    if (!(await field.inputValue())) await field.fill('Prova dal browser / browser test');
  }
}

// The manager approves booking `id` from the inbox, in one click.
async function approveInOneClick(id, { screenshot = false } = {}) {
  const manager = await session('manager', 'it');
  try {
    const status = await open(manager.page, `${hub}/manage`);
    if (screenshot) await manager.page.screenshot({ path: path.join(out, 'manager.png'), fullPage: true });
    await check(manager);
    // The form for this booking: by its id, else by the listing's title in its row.
    let approve = manager.page.locator(`form[data-flow=approve][action*="${id}"]`);
    if ((await approve.count()) === 0) {
      approve = manager.page.locator('tr, li, article, section', { hasText: demo.approvalRoom })
        .locator('form[data-flow=approve]');
    }
    if ((await approve.count()) === 0) {
      throw new Error(`no form[data-flow=approve] for booking ${id} on ${hub}/manage (it answered ${status}: ${await problem(manager.page)})`);
    }
    await submit(manager.page, approve.first());
  } finally {
    await manager.context.close();
  }
}

const started = Date.now();
// Pages no link leads to: those of an emailed link (the secret is used
// only by their button), mistakes (an unknown address or listing, a quote
// asked with unreadable values), a weekly series' result and the calendar
// address.
async function pagesNoLinkLeadsTo(language, days) {
  const nobody = await session('nobody', language);
  try {
    const targets = ['/sign-in?token=browser-test', '/verify-email?token=browser-test',
      '/reset-password?token=browser-test', '/no-such-page',
      `${hub}/listings/00000000-0000-0000-0000-000000000000`];
    for (const target of targets) {
      await open(nobody.page, target);
      if (!(await ours(nobody.page))) throw new Error(`${target} did not answer a page of ours`);
      await check(nobody, target);
    }
  } finally {
    await nobody.context.close();
  }
  const s = await session('member', language);
  try {
    await open(s.page, hub);
    const link = s.page.locator(`a[href^="${hub}/listings/"]`, { hasText: demo.instantRoom }).first();
    const listing = new URL(await link.getAttribute('href'), origin).pathname;
    const wrong = `${listing}/book?date=2026-02-31&start=25:00&end=10:00&quantity=0`;
    if ((await open(s.page, wrong)) !== 400) throw new Error(`${wrong} was not refused as unreadable`);
    await check(s, wrong);
    await open(s.page, `${listing}/series`);
    const form = s.page.locator('form[data-flow=series]');
    await expectOn(s.page, 'form[data-flow=series]', 'the weekly series form');
    await form.locator('[name=weekday]').first().check();
    // The reading room is open every evening, 18:00 to 23:00.
    await form.locator('[name=start]').fill('20:00');
    await form.locator('[name=end]').fill('21:00');
    await form.locator('[name=first]').fill(localDate(days));
    await form.locator('[name=weeks]').fill('2');
    await submit(s.page, form);
    await expectOn(s.page, '#booked', 'the result of a weekly series');
    await check(s);
    // The calendar address, shown once in answer to the button.
    await open(s.page, `${hub}/bookings`);
    await submit(s.page, s.page.locator('form[data-flow=feed]'));
    await expectOn(s.page, '[data-feed]', 'the calendar address');
    await check(s);
  } finally {
    await s.context.close();
  }
}

// Paying by card: the member asks for the big room, pays on Stripe's page
// (in Italian, then approved by the manager), or looks and comes back
// without leaving (in English).
async function payByCard(language, days, pay) {
  const s = await session('member', language);
  try {
    await book(s, demo.approvalRoom, days, '19:00', '21:00');
    await expectOn(s.page, '[data-status=REQUESTED]', 'the request, waiting for the card');
    const bookingPage = s.page.url().split('?')[0];
    await expectOn(s.page, 'form[data-flow=card]', 'the pay-by-card button');
    await check(s);
    await submit(s.page, s.page.locator('form[data-flow=card]'));
    await expectOn(s.page, 'a[data-onward]', 'the page that leads to Stripe');
    await check(s);
    const onward = s.page.locator('a[data-onward]');
    const href = await onward.getAttribute('href');
    if (!href?.startsWith(`${demo.card.stripeOrigin}/`)) throw new Error(`the link leads to ${href}, not to Stripe`);
    if (!pay) {
      const back = s.page.locator(`main a[href="${new URL(bookingPage).pathname}"]`);
      await Promise.all([s.page.waitForNavigation({ waitUntil: 'load' }), back.click()]);
      await expectOn(s.page, 'form[data-flow=card]', 'the booking, still waiting for the card');
      return;
    }
    s.atStripe = true;
    await Promise.all([s.page.waitForNavigation({ waitUntil: 'load' }), onward.click()]);
    // Stripe's page (the test's stand-in) takes the test card and sends
    // the member back to the booking.
    await Promise.all([s.page.waitForNavigation({ waitUntil: 'load' }), s.page.locator('button').first().click()]);
    s.atStripe = false;
    if (!s.page.url().startsWith(bookingPage)) throw new Error(`back on ${s.page.url()}, not on the booking`);
    await expectOn(s.page, '[data-payment=AUTHORIZED]', 'the card held, back on the booking');
    await check(s);
    const id = bookingPage.match(/\/bookings\/([0-9a-f-]{36})/i)?.[1];
    await approveInOneClick(id);
    await open(s.page, bookingPage);
    await expectOn(s.page, '[data-status=CONFIRMED]', 'the approved request, paid by card');
    await expectOn(s.page, '[data-payment=PAID]', 'the card charged on approval');
  } finally {
    await s.context.close();
  }
}

if (demo.card) {
  await flow('pay a request by card on Stripe\'s page, approved', () => payByCard('it', 8, true));
  await flow('look at the card step and come back', () => payByCard('en', 9, false));
} else {
  const member = await session('member', 'it').catch((error) => fail(`member/it: ${error.message}`));
  let approvedBooking = null;

  await flow('book a room and see it confirmed', async () => {
    const listing = await book(member, demo.instantRoom, 5, '19:00', '21:00');
    await expectOn(member.page, '[data-status=CONFIRMED]', 'the booking of the instant room');
    await open(member.page, listing);
    await member.page.screenshot({ path: path.join(out, 'resident.png'), fullPage: true });
  });

  await flow('a request approved by a manager in one click', async () => {
    await book(member, demo.approvalRoom, 6, '19:00', '21:00');
    await expectOn(member.page, '[data-status=REQUESTED]', 'the request for the room that needs approval');
    const bookingPage = member.page.url();
    const id = bookingPage.match(/\/bookings\/([0-9a-f-]{36})/i)?.[1];
    if (!id) throw new Error(`the booking page's address names no booking: ${bookingPage}`);
    await approveInOneClick(id, { screenshot: true });
    await open(member.page, bookingPage);
    await expectOn(member.page, '[data-status=CONFIRMED]', 'the approved request, reloaded by the member');
    approvedBooking = bookingPage;
  });

  await flow('a cancellation shows its refund', async () => {
    if (!member || !approvedBooking) throw new Error('no confirmed booking to cancel: the flow before it failed');
    const { page } = member;
    await open(page, approvedBooking);
    await expectOn(page, '[data-refund]', 'the refund a cancellation would give');
    await expectOn(page, 'form[data-flow=cancel]', 'the booking page');
    const form = page.locator('form[data-flow=cancel]');
    await fillRequired(form);
    await submit(page, form);
    await expectOn(page, '[data-status=CANCELLED]', 'the cancelled booking');
    await expectOn(page, '[data-refund]', 'the refund of the cancelled booking');
    await check(member);
  });
  await member?.context.close();

  await flow('pages no link leads to, in Italian', () => pagesNoLinkLeadsTo('it', 14));
  await flow('pages no link leads to, in English', () => pagesNoLinkLeadsTo('en', 21));

  // Every role, both languages: axe on every page each one reaches.
  const STARTS = {
    nobody: ['/', '/map', '/login', '/sign-up', hub],
    member: ['/', hub, `${hub}/bookings`],
    provider: ['/', hub, `${hub}/bookings`, `${hub}/provider`],
    manager: ['/', hub, `${hub}/bookings`, `${hub}/provider`, `${hub}/manage`],
  };
  for (const [role, starts] of Object.entries(STARTS)) {
    for (const language of LANGUAGES) {
      const s = await session(role, language).catch((error) => fail(`${role}/${language}: ${error.message}`));
      if (!s) continue;
      try {
        await crawl(s, starts);
      } catch (error) {
        fail(`${role}/${language}: the crawl stopped on ${s.page.url()}: ${error.message}`);
      } finally {
        await s.context.close();
      }
    }
  }
}
await browser.close();

const seconds = (Date.now() - started) / 1000;
const summary = { base, seconds, pages: visited, flows, failures };
writeFileSync(path.join(out, demo.card ? 'card-summary.json' : 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`${visited.length} pages checked with axe, ${Object.values(flows).filter((f) => f.passed).length}/${Object.keys(flows).length} flows passed, in ${seconds.toFixed(1)} s`);
if (failures.length) {
  console.error(`\n${failures.length} failure(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
