/**
 * The scanner's target rules for a URL we send to someone else (PageSpeed Insights): normaliseScanUrl
 * (syntax, scheme, credentials, port) and checkTarget (the host resolves, over DoH, only to public
 * addresses), with the scanner's refusal codes and statuses. We never fetch the page ourselves, so there
 * is no re-check before a fetch; the point is that private names and addresses never leave us.
 */
import { createBudget } from '../../src/core/dns/budget.ts';
import { resolveHost } from '../../src/core/dns/resolve-host.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { MEASURE_DNS_QUERIES, MEASURE_DNS_TIME_LIMIT_MS } from '../../src/core/measure/limits.ts';
import { checkTarget } from '../../src/core/scan/check-target.ts';
import { normaliseScanUrl, parseAllowedOrigins } from '../../src/core/scan/normalise-url.ts';
import { SCAN_REFUSALS } from '../../src/core/scan/refusals.ts';
import { dohClientFromEnv } from './doh.ts';

/** The normalised URL, or an ApiError with the refusal's code (400 invalid_url, 422 private_address, …). */
export async function publicTarget(input: string, env: Env): Promise<URL> {
  const allowedOrigins = parseAllowedOrigins(env.SCAN_ALLOWED_ORIGINS);
  const normalised = normaliseScanUrl(input, { allowedOrigins });
  if (!normalised.ok) throw new ApiError(SCAN_REFUSALS[normalised.code], normalised.code, normalised.message);
  const client = dohClientFromEnv(env, {
    budget: createBudget(MEASURE_DNS_QUERIES),
    signal: AbortSignal.timeout(MEASURE_DNS_TIME_LIMIT_MS),
  });
  const verdict = await checkTarget(normalised.url.href, {
    allowedOrigins,
    resolve: (host) => resolveHost(client, host),
  });
  if (!verdict.ok) throw new ApiError(SCAN_REFUSALS[verdict.code], verdict.code, verdict.message);
  return verdict.url;
}
