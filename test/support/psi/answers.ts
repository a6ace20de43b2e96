/**
 * What the fixture PageSpeed Insights server answers, as data: real Lighthouse reports
 * (test/fixtures/psi/lighthouse/) wrapped the way PSI v5 wraps them, and PSI's error envelopes
 * (test/fixtures/psi/reference/runpagespeed-v5.json has the documented shape and recorded examples).
 * The wrapping is ours: `captchaResult`, `kind`, `id`, `analysisUTCTimestamp`, `version` and the field
 * data (synthetic, test/fixtures/psi/crux/) are made here; `lighthouseResult` is Lighthouse's own output.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ORIGIN, PSI_RECORDINGS, type PsiRecording, type PsiStrategy } from './recordings.ts';

export const PSI_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/psi/', import.meta.url));

/** The query parameter of the *measured* URL that selects a failure case (`…/?psi-case=quota`). */
export const CASE_PARAM = 'psi-case';

/** Failure and edge cases, by CASE_PARAM value. */
export const PSI_CASES = [
  'quota',
  'slow',
  'server-error',
  'unreachable',
  'runtime-error',
  'old-lighthouse',
  'not-json',
  'bad-key',
] as const;
export type PsiCase = (typeof PSI_CASES)[number];

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, or raw text when `text` is set. */
  body?: unknown;
  text?: string;
  /** Never answer (the client's time limit must fire). */
  hold?: true;
}

type Json = Record<string, unknown>;

const lhrCache = new Map<string, string>();
function recordedText(recording: PsiRecording): string {
  let text = lhrCache.get(recording.name);
  if (text === undefined) {
    text = readFileSync(`${PSI_FIXTURES_DIR}lighthouse/${recording.file}`, 'utf8');
    lhrCache.set(recording.name, text);
  }
  return text;
}

function recording(name: string): PsiRecording {
  const found = PSI_RECORDINGS.find((r) => r.name === name);
  if (!found) throw new Error(`no recording ${name}`);
  return found;
}

let shopField: Json | undefined;
/** Synthetic origin field data of the fixture shop, without its provenance note. */
function shopFieldData(): Json {
  if (!shopField) {
    const { _synthetic: _note, ...data } = JSON.parse(
      readFileSync(`${PSI_FIXTURES_DIR}crux/shop-origin.json`, 'utf8'),
    ) as Json;
    shopField = data;
  }
  return shopField;
}

/** Pages whose origin has (synthetic) Chrome UX Report data; every other page has none. */
const FIELD_DATA_PATHS = new Set(['/sites/shop.html']);

/**
 * A recorded report as PSI would send it for `pageUrl`: the report's page URL becomes the requested one
 * and FIXTURE_ORIGIN its origin; without field data `loadingExperience` carries only `initial_url` and
 * `originLoadingExperience` is absent, as PSI does (GoogleChrome/lighthouse#12055).
 */
export function wrapReport(recorded: PsiRecording, pageUrl: string, now: number): Json {
  const page = new URL(pageUrl);
  const text = recordedText(recorded)
    .split(`${FIXTURE_ORIGIN}${recorded.path}`)
    .join(pageUrl)
    .split(FIXTURE_ORIGIN)
    .join(page.origin);
  const lighthouseResult = JSON.parse(text) as Json;
  const id = String(lighthouseResult['finalDisplayedUrl'] ?? lighthouseResult['finalUrl'] ?? pageUrl);
  const field = FIELD_DATA_PATHS.has(page.pathname) ? shopFieldData() : null;
  return {
    captchaResult: 'CAPTCHA_NOT_NEEDED',
    kind: 'pagespeedonline#result',
    id,
    loadingExperience: field
      ? { id, ...field, initial_url: pageUrl, origin_fallback: true }
      : { initial_url: pageUrl },
    ...(field ? { originLoadingExperience: { id: page.origin, ...field, initial_url: page.origin } } : {}),
    lighthouseResult,
    analysisUTCTimestamp: new Date(now).toISOString(),
    // The reference gives the shape of `version`, not its values: these are placeholders.
    version: { major: '1', minor: '0' },
  };
}

/** Google's error envelope (https://cloud.google.com/apis/design/errors). */
export function envelope(
  code: number,
  message: string,
  detail: { domain: string; reason: string; status?: string },
): Json {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: detail.domain, reason: detail.reason }],
      ...(detail.status ? { status: detail.status } : {}),
    },
  };
}

/** An error answer of Google's API front end (not Lighthouse's): `domain` global. */
function googleError(code: number, message: string, reason: string, status: string): Answer {
  return { status: code, body: envelope(code, message, { domain: 'global', reason, status }) };
}

/** PSI's answer when Lighthouse fails to load the page: "Lighthouse returned error: CODE. message". */
function lighthouseUserError(code: string, message: string): Answer {
  return {
    status: 400,
    body: envelope(400, `Lighthouse returned error: ${code}. ${message}`, {
      domain: 'lighthouse',
      reason: 'lighthouseUserError',
    }),
  };
}

/** The answer for one runPagespeed request. */
export function answerFor(pageUrl: string, strategy: PsiStrategy, now: number): Answer {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return {
      status: 400,
      body: envelope(400, `Invalid value at 'url' (${pageUrl})`, { domain: 'global', reason: 'badRequest' }),
    };
  }
  const kase = page.searchParams.get(CASE_PARAM) as PsiCase | null;
  switch (kase) {
    case 'quota':
      return googleError(
        429,
        "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'pagespeedonline.googleapis.com' for consumer 'project_number:000000000000'.",
        'rateLimitExceeded',
        'RESOURCE_EXHAUSTED',
      );
    case 'slow':
      return { status: 0, hold: true };
    case 'server-error':
      return googleError(500, 'Internal error encountered.', 'backendError', 'INTERNAL');
    case 'unreachable':
      return lighthouseUserError(
        'FAILED_DOCUMENT_REQUEST',
        'Lighthouse was unable to reliably load the page you requested. Make sure you are testing the correct URL and that the server is properly responding to all requests. (Details: net::ERR_CONNECTION_REFUSED)',
      );
    case 'runtime-error':
      return { status: 200, body: wrapReport(recording('error-500-mobile'), pageUrl, now) };
    case 'old-lighthouse':
      return { status: 200, body: wrapReport(recording('shop-mobile-old'), pageUrl, now) };
    case 'not-json':
      return { status: 200, headers: { 'content-type': 'text/html' }, text: '<!doctype html><p>Sorry…</p>' };
    case 'bad-key':
      return googleError(
        400,
        'API key not valid. Please pass a valid API key.',
        'badRequest',
        'INVALID_ARGUMENT',
      );
    default:
      break;
  }
  // A page that answers 500: PSI reports Lighthouse's runtime error as an error envelope.
  if (page.pathname === '/status/500') {
    const recorded = JSON.parse(recordedText(recording('error-500-mobile'))) as {
      runtimeError: { code: string; message: string };
    };
    return lighthouseUserError(recorded.runtimeError.code, recorded.runtimeError.message);
  }
  const path = page.pathname === '/' ? '/sites/simple.html' : page.pathname;
  const recorded = PSI_RECORDINGS.find(
    (r) => r.lighthouse === 'current' && !r.expectRuntimeError && r.path === path && r.strategy === strategy,
  );
  if (recorded) return { status: 200, body: wrapReport(recorded, pageUrl, now) };
  const known = [...new Set(PSI_RECORDINGS.filter((r) => !r.expectRuntimeError).map((r) => r.path))];
  return googleError(
    500,
    `The fixture PageSpeed Insights server has no recorded report for ${page.pathname} (${strategy}); recorded pages: ${known.join(', ')}, or add ?${CASE_PARAM}=${PSI_CASES.join('|')}.`,
    'backendError',
    'INTERNAL',
  );
}
