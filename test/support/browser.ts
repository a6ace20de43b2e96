import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides it (scripts/test.ts sets it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests skip when Chromium is absent (scripts/test.ts makes that a failure under CI). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * Flags that keep headless Chromium offline and quiet (docs/decisions.md, STACK.md): no background
 * networking, updates or sync, and every hostname except loopback fails to resolve, so a test can never
 * reach the internet by accident.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Launches headless Chromium for a browser test; close it in afterAll. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Narrowest phone width a page must fit without horizontal scrolling (CSS px). */
export const NARROW_VIEWPORT = { width: 360, height: 780 };
