/**
 * The demo page in headless Chromium (Debian's package, driven by
 * playwright-core): the real demo server, local agent and webhook on
 * loopback, Reddit from the stub. Leaves build/demo.png for the README.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../scripts/demo/server';
import { loadAgents } from '../scripts/local-agent/agent';
import { loadCxModels } from '../scripts/agent-cx/model';
import { startLocalWebhook, type LocalWebhook } from '../scripts/local-agent/local-webhook';
import { startRedditStub, type RedditStub } from '../scripts/local-agent/reddit-stub';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..');
const SCREENSHOT = join(ROOT, 'build', 'demo.png');

const available = existsSync(CHROMIUM);
// Without Chromium the suite is skipped, and its name says why: the skip reporter
// (test/support/skip-reporter.js) lists it after jest's summary.
const describeWithBrowser = available ? describe : describe.skip;
const SUITE = available
  ? 'demo page in headless Chromium'
  : `demo page in headless Chromium (skipped: ${CHROMIUM} is missing; \`apt-get install chromium\`, as .ci/run does as root)`;

describeWithBrowser(SUITE, () => {
  let stub: RedditStub;
  let webhook: LocalWebhook;
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stub = await startRedditStub();
    webhook = await startLocalWebhook({ REDDIT_BASE_URL: stub.url, LOG_LEVEL: 'silent' });
    const agents = await loadAgents(join(ROOT, 'agent'));
    const cxModels = await loadCxModels(join(ROOT, 'agent-cx'));
    demo = await startDemoServer({ agent: agents.get('en')!, agents, cxModels, webhook: { url: webhook.url } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 460, height: 1120 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 30_000);

  afterAll(async () => {
    // Each may be unset: beforeAll can fail (or the file be skipped) before it assigns them all.
    await (browser as Browser | undefined)?.close();
    await (demo as DemoServer | undefined)?.close();
    await (webhook as LocalWebhook | undefined)?.close();
    await (stub as RedditStub | undefined)?.close();
  });

  it('greets, answers a typed message, follows a clicked chip, and shows the link card', async () => {
    await page.goto(demo.url);
    const welcome = page.locator('.row.bot[data-intent="Default Welcome Intent"]');
    await welcome.waitFor();
    await expectText(welcome.locator('.bubble'), /a joke or a fact\?/);

    await page.locator('#text').fill('tell me a joke');
    await page.locator('#text').press('Enter');
    const joke = page.locator('.row.bot[data-intent="say-content"]').first();
    await joke.waitFor();
    await expectText(page.locator('.row.user .bubble').first(), /^tell me a joke$/);
    await expectText(joke.locator('.bubble'), /^Here's a joke:/);
    const card = joke.locator('a.card');
    expect(await card.getAttribute('href')).toMatch(/^https:\/\/www\.reddit\.com\/r\/Jokes\/comments\//);
    expect(await card.locator('.card-subtitle').textContent()).toBe('r/Jokes on Reddit');

    await joke.getByRole('button', { name: 'Fact', exact: true }).click();
    const fact = page.locator('.row.bot[data-intent="say-content"]').nth(1);
    await fact.waitFor();
    await expectText(page.locator('.row.user .bubble').nth(1), /^Fact$/);
    await expectText(fact.locator('.bubble'), /^Here's a fact:/);
    expect(await fact.locator('a.card').getAttribute('href')).toMatch(/\/r\/todayilearned\/comments\//);
    // Chips answer once: the joke's chips are retired, the fact's are live.
    expect(await joke.getByRole('button', { name: 'Fact', exact: true }).isDisabled()).toBe(true);
    expect(await fact.getByRole('button', { name: 'Another one', exact: true }).isEnabled()).toBe(true);

    expect(pageErrors).toEqual([]);
    await mkdir(join(ROOT, 'build'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 30_000);

  it('switches the conversation to German with the language picker, and opens in French with ?lang=fr', async () => {
    await page.goto(demo.url);
    await page.locator('.row.bot[data-intent="Default Welcome Intent"]').waitFor();
    await page.locator('#lang').selectOption({ label: 'Deutsch' });
    await expectText(page.locator('.row.bot[data-intent="Default Welcome Intent"] .bubble'), /^Hallo! .*einen Witz oder einen Fakt\?$/);
    expect(await page.locator('.row').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await page.locator('#text').fill('erzähl mir einen Witz');
    await page.locator('#text').press('Enter');
    const joke = page.locator('.row.bot[data-intent="say-content"]').first();
    await joke.waitFor();
    await expectText(joke.locator('.bubble'), /^Hier ist ein Witz:/);
    expect(await joke.locator('.card-subtitle').textContent()).toBe('r/Witze auf Reddit');
    expect(await joke.getByRole('button', { name: 'Noch einer', exact: true }).isEnabled()).toBe(true);

    await page.goto(`${demo.url}?lang=fr`);
    await expectText(page.locator('.row.bot[data-intent="Default Welcome Intent"] .bubble'), /^Salut !/);
    expect(await page.locator('#lang').inputValue()).toBe('fr');
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('switches to Dialogflow CX with the ES / CX switch: a new conversation through agent-cx/, in the chosen language', async () => {
    await page.goto(`${demo.url}?lang=de`);
    await page.locator('.row.bot[data-intent="Default Welcome Intent"]').waitFor();
    expect(await page.locator('#edition').isVisible()).toBe(true);
    await page.locator('#edition').selectOption({ label: 'CX' });
    await expectText(page.locator('.row.bot[data-intent="Default Welcome Intent"] .explain'), /· webhook 200/);
    expect(await page.locator('.row').count()).toBe(1);

    // The form page asks, the answer fills it, and the chip "Noch einer" is routed on the page "Content told".
    await page.locator('#text').fill('erzähl mir was');
    await page.locator('#text').press('Enter');
    await expectText(page.locator('.row.bot[data-intent="say-content"] .bubble'), /^Was möchtest du hören: einen Witz oder einen Fakt\?$/);
    await page.locator('#text').fill('einen Witz');
    await page.locator('#text').press('Enter');
    const joke = page.locator('.row.bot[data-intent="Ask for content (form)"]');
    await joke.waitFor();
    await expectText(joke.locator('.bubble'), /^Hier ist ein Witz:/);
    expect(await joke.locator('a.card').getAttribute('href')).toMatch(/\/r\/Witze\/comments\//);
    await joke.getByRole('button', { name: 'Noch einer', exact: true }).click();
    const more = page.locator('.row.bot[data-intent="say-content-more"]');
    await more.waitFor();
    await expectText(more.locator('.bubble'), /^Hier ist ein Witz:/);

    await page.goto(`${demo.url}?edition=cx`);
    await page.locator('.row.bot[data-intent="Default Welcome Intent"]').waitFor();
    expect(await page.locator('#edition').inputValue()).toBe('cx');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  expect(await locator.first().textContent()).toMatch(pattern);
}
