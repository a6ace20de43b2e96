/**
 * Post-build step: keeps the Content-Security-Policy free of 'unsafe-inline' for scripts.
 *
 * Astro bundles page scripts into /_astro/*.js, but it inlines some (the island hydration runtime when a
 * page has a `client:*` island, and processed scripts below Vite's inline limit). This step hashes every
 * inline executable <script> of the built HTML (sha256, CSP Level 2 hash sources) and appends the hashes
 * to each `script-src 'self'` directive of the built `_headers`, so the browser runs exactly those
 * scripts and nothing injected.
 *
 * Runs as an Astro integration (`astro:build:done`, so every `astro build --outDir X` gets it) or by hand:
 * `node scripts/csp-hashes.ts [outDir]`.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Script types the browser executes (the HTML standard's JavaScript MIME types and "module"). */
const EXECUTABLE_TYPES = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'text/ecmascript',
]);

/** Matches a script-src directive that lists 'self' first, with any hashes a previous run appended. */
const SCRIPT_SRC = /script-src 'self'(?: 'sha256-[A-Za-z0-9+/=]+')*/g;

/** The CSP hash sources of the inline executable scripts of one HTML document, in document order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  // Astro's output is well formed and a script body cannot contain "</script"; a regex is enough here.
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(` ${attributes}`)?.[1]?.toLowerCase() ?? '';
    if (!EXECUTABLE_TYPES.has(type)) continue; // JSON-LD and other data blocks never run
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** `_headers` text with the given hash sources after every `script-src 'self'` (replacing older ones). */
export function withScriptHashes(headers: string, hashes: readonly string[]): string {
  const sources = [...new Set(hashes)].sort();
  return headers.replace(SCRIPT_SRC, ["script-src 'self'", ...sources].join(' '));
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** Hashes the inline scripts of every page under `outDir` into `outDir/_headers`. */
export async function applyCspHashes(outDir: string): Promise<{ pages: number; hashes: string[] }> {
  const hashes = new Set<string>();
  const pages = await htmlFiles(outDir);
  for (const file of pages)
    for (const hash of inlineScriptHashes(await readFile(file, 'utf8'))) hashes.add(hash);
  const headersPath = join(outDir, '_headers');
  const before = await readFile(headersPath, 'utf8');
  if (!before.includes("script-src 'self'"))
    throw new Error(`${headersPath} has no "script-src 'self'" directive to extend`);
  await writeFile(headersPath, withScriptHashes(before, [...hashes]));
  return { pages: pages.length, hashes: [...hashes].sort() };
}

/** Astro integration: `integrations: [cspHashes()]` in astro.config.mjs. */
export function cspHashes(): AstroIntegration {
  return {
    name: 'csp-hashes',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { pages, hashes } = await applyCspHashes(fileURLToPath(dir));
        logger.info(`${hashes.length} inline script hash(es) from ${pages} page(s) added to _headers`);
      },
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ?? 'dist';
  const { pages, hashes } = await applyCspHashes(outDir);
  console.log(`${hashes.length} inline script hash(es) from ${pages} page(s) added to ${outDir}/_headers`);
}
