import { createPagesEventContext } from 'cloudflare:test';

type Handler = PagesFunction<Env>;
type IncomingRequest = Request<unknown, IncomingRequestCfProperties>;

/** Calls a Pages Function handler inside workerd the way Pages would, with this project's bindings. */
export async function callFunction(
  handler: Handler,
  request: Request,
  options: { next?: () => Promise<Response>; params?: Record<string, string> } = {},
): Promise<Response> {
  const context = createPagesEventContext<Handler>({
    request: request as IncomingRequest,
    params: options.params ?? {},
    data: {},
    next: options.next ?? (async () => new Response('not found', { status: 404 })),
  });
  return handler(context);
}
