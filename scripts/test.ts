/**
 * `npm test`: build the site once (the workers and browser tests serve dist/), then run every vitest
 * project. Browser tests run when Chromium is installed (CHROMIUM_PATH or /usr/bin/chromium) and are
 * reported as skipped otherwise; CI=true turns a missing Chromium into a failure.
 */
import { existsSync } from 'node:fs';
import { runOrExit } from './lib/run.ts';
import { quietEnv } from './lib/quiet-env.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    console.error(
      `Chromium not found at ${chromium}; CI must run the browser tests (apt-get install chromium).`,
    );
    process.exit(1);
  }
  console.warn(`Chromium not found at ${chromium}: browser tests will be skipped.`);
}
runOrExit('npx', ['astro', 'build', ...(process.env.SITE_DIST ? ['--outDir', process.env.SITE_DIST] : [])]);
runOrExit('npx', ['vitest', 'run', ...process.argv.slice(2)], { ...quietEnv, CHROMIUM_PATH: chromium });
