/**
 * One headless Chromium per browser test file: launched before its tests, closed after them together with
 * every context it opened. `open` loads a path of the site under test (`inject('baseUrl')`) and records
 * the page's uncaught errors from the first script on.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser.ts';

export interface OpenedPage {
  page: Page;
  /** Messages of uncaught page errors, as they happen. */
  errors: string[];
}

export interface BrowserSession {
  /** A blank page in a context of its own. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** `path` loaded in a new page; `watch` adds listeners before navigation starts. */
  open(path: string, options?: BrowserContextOptions, watch?: (page: Page) => void): Promise<OpenedPage>;
}

/** Registers the launch and the clean-up hooks; call it once at the top of a describe block. */
export function browserSession(): BrowserSession {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  }

  async function open(
    path: string,
    options: BrowserContextOptions = {},
    watch?: (page: Page) => void,
  ): Promise<OpenedPage> {
    const page = await newPage(options);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    watch?.(page);
    await page.goto(`${inject('baseUrl')}${path}`, { waitUntil: 'load' });
    return { page, errors };
  }

  return { newPage, open };
}
