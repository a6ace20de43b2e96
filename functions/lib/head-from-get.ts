/**
 * A route's HEAD handler made from its GET handler: the same status and headers, no body (RFC 9110
 * §9.3.2: "identical to GET except that the server MUST NOT send content"). Pages dispatches HEAD only to
 * `onRequestHead` or `onRequest`, never to `onRequestGet`, so a route that answers GET exports this too.
 */
export function headFromGet<P extends string = string>(get: PagesFunction<Env, P>): PagesFunction<Env, P> {
  return async (context) => {
    const response = await get(context);
    await response.body?.cancel();
    return new Response(null, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
