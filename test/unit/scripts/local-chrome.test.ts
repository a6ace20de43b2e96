/**
 * scripts/lib/local-chrome.ts: the offline stand-in for wrangler's Chrome for Testing, in throwaway cache
 * folders (XDG_CACHE_HOME). Nothing here launches a browser; the render suites do.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chromeCacheDir,
  ensureLocalChrome,
  miniflareBrowserVersion,
} from '../../../scripts/lib/local-chrome.ts';

const folders: string[] = [];
const cacheHome = () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-chrome-test-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureLocalChrome', () => {
  it('reads the Chrome for Testing version from miniflare, four numbers', () => {
    expect(miniflareBrowserVersion()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('puts the cache where miniflare looks: <XDG_CACHE_HOME>/.wrangler/chrome', () => {
    expect(chromeCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/.wrangler/chrome');
  });

  it('writes an executable wrapper and the install marker into an empty cache when offline', async () => {
    const home = cacheHome();
    const env = { XDG_CACHE_HOME: home, EDGE_SPEED_TOOLS_LOCAL_CHROME: 'debian', CHROMIUM_PATH: '/bin/sh' };
    const result = await ensureLocalChrome(env);
    const installDir = join(home, '.wrangler', 'chrome', `linux-${miniflareBrowserVersion()}`);
    expect(result).toEqual({
      executable: join(installDir, 'chrome-linux64', 'chrome'),
      state: 'wrapper-written',
    });
    expect(statSync(result.executable).mode & 0o111).not.toBe(0);
    expect(readFileSync(result.executable, 'utf8')).toMatch(/--no-sandbox "\$@"\n$/);
    expect(existsSync(join(installDir, '.miniflare-install-complete'))).toBe(true);
    // Idempotent: the second call finds it.
    expect((await ensureLocalChrome(env)).state).toBe('wrapper');
  });

  it('never overwrites a Chrome that wrangler downloaded', async () => {
    const home = cacheHome();
    const executable = join(
      home,
      '.wrangler',
      'chrome',
      `linux-${miniflareBrowserVersion()}`,
      'chrome-linux64',
      'chrome',
    );
    mkdirSync(dirname(executable), { recursive: true });
    writeFileSync(executable, '\x7fELF real chrome');
    const result = await ensureLocalChrome({ XDG_CACHE_HOME: home, EDGE_SPEED_TOOLS_LOCAL_CHROME: 'debian' });
    expect(result.state).toBe('downloaded');
    expect(readFileSync(executable, 'utf8')).toBe('\x7fELF real chrome');
  });

  it('leaves the download to wrangler when told to', async () => {
    const home = cacheHome();
    const result = await ensureLocalChrome({
      XDG_CACHE_HOME: home,
      EDGE_SPEED_TOOLS_LOCAL_CHROME: 'download',
    });
    expect(result.state).toBe('left-to-wrangler');
    expect(existsSync(join(home, '.wrangler'))).toBe(false);
  });

  it('refuses, with a message a person can act on, when there is no Chromium to stand in', async () => {
    const home = cacheHome();
    const env = {
      XDG_CACHE_HOME: home,
      EDGE_SPEED_TOOLS_LOCAL_CHROME: 'debian',
      CHROMIUM_PATH: join(home, 'none'),
    };
    if (existsSync('/usr/lib/chromium/chromium') || existsSync('/usr/bin/chromium')) {
      // This machine has Debian's Chromium, which wins over CHROMIUM_PATH: the wrapper names it.
      const result = await ensureLocalChrome(env);
      expect(readFileSync(result.executable, 'utf8')).toMatch(
        /\/usr\/(lib\/chromium|bin)\/chromium --no-sandbox/,
      );
    } else {
      await expect(ensureLocalChrome(env)).rejects.toThrow(/apt-get install chromium/);
    }
  });
});
