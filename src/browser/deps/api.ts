/**
 * The mapper's calls to its own APIs. Every failure becomes an ApiFailure carrying the envelope's code and
 * message ({ error: { code, message } }), so the page can show the API's own words.
 */
import type { ResolvedHost, ResolveResponse } from '../../core/resolve/types.ts';
import type { ScanResponse } from '../../core/scan/types.ts';
import { cleanResolvedHosts } from '../../core/map/clean-host.ts';
import type { SavedReport } from '../../core/map/report-schema.ts';
import type { DependencyReport } from '../../core/map/types.ts';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiFailure('network_error', `Could not reach ${path}: ${(error as Error).message}`, 0);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML error page or nothing: reported below with the status.
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      const retry = Number(response.headers.get('retry-after'));
      throw new ApiFailure(
        error.code,
        error.message,
        response.status,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
      );
    }
    throw new ApiFailure(
      `http_${response.status}`,
      `${path} answered HTTP ${response.status}.`,
      response.status,
    );
  }
  if (body === null)
    throw new ApiFailure('invalid_response', `${path} did not answer JSON.`, response.status);
  return body as T;
}

const postJson = <T>(path: string, body: unknown, signal?: AbortSignal) =>
  call<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

export const scanPage = (url: string, signal?: AbortSignal) =>
  postJson<ScanResponse>('/api/scan', { url }, signal);

export async function resolveHosts(
  hosts: string[],
  page: string | null,
  signal?: AbortSignal,
): Promise<ResolvedHost[]> {
  const body: { hosts: string[]; page?: string } = { hosts };
  if (page) body.page = page;
  const answer = await postJson<ResolveResponse>('/api/resolve', body, signal);
  // DNS names and AS names are the zone owner's choice: keep them within what a report may hold.
  return cleanResolvedHosts(hosts, Array.isArray(answer.hosts) ? answer.hosts : []);
}

export const saveReport = (report: DependencyReport) =>
  postJson<{ id: string; url: string; expiresAt: string }>('/api/reports', report);

export const loadReport = (id: string) => call<SavedReport>(`/api/reports/${encodeURIComponent(id)}`);
