import { createPagesEventContext, waitOnExecutionContext } from 'cloudflare:test';

type Handler = PagesFunction<Env>;
type IncomingRequest = Request<unknown, IncomingRequestCfProperties>;

/** Calls a Pages Function handler inside workerd the way Pages would, with this project's bindings. */
export async function callFunction(
  handler: Handler,
  request: Request,
  options: {
    next?: () => Promise<Response>;
    params?: Record<string, string>;
    /** Variables to set or replace for this call only (the test bindings stay as they are). */
    vars?: Record<string, string>;
    /** Resolve only after the handler's waitUntil work (e.g. a cache write) has finished. */
    settle?: boolean;
  } = {},
): Promise<Response> {
  const context = createPagesEventContext<Handler>({
    request: request as IncomingRequest,
    params: options.params ?? {},
    data: {},
    next: options.next ?? (async () => new Response('not found', { status: 404 })),
  });
  const env = options.vars ? { ...context.env, ...options.vars } : context.env;
  const response = await handler(
    options.vars ? { ...context, env, waitUntil: (promise) => context.waitUntil(promise) } : context,
  );
  if (options.settle) await waitOnExecutionContext(context);
  return response;
}

/** The export Pages names for a method's own handler: GET → `onRequestGet`. */
export function methodHandlerName(method: string): string {
  return `onRequest${method.charAt(0).toUpperCase()}${method.slice(1).toLowerCase()}`;
}

/** The handler of a route file Pages runs for a method: `onRequest<Method>` if exported, else `onRequest`. */
export function handlerFor<H>(
  route: { readonly [name: string]: H | undefined },
  method: string,
): H | undefined {
  return route[methodHandlerName(method)] ?? route['onRequest'];
}
