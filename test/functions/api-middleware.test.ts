import { describe, expect, it } from 'vitest';
import { onRequest } from '../../functions/api/_middleware.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { callFunction } from './call.ts';

const call = (request: Request, next: () => Promise<Response>) => callFunction(onRequest, request, { next });

describe('/api middleware (workerd)', () => {
  it('answers CORS preflights without reaching the route', async () => {
    const response = await call(new Request('http://x/api/tti', { method: 'OPTIONS' }), () => {
      throw new Error('route must not run');
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('turns an ApiError into the envelope with its status', async () => {
    const response = await call(new Request('http://x/api/tti'), async () => {
      throw new ApiError(400, 'invalid_input', 'bad');
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_input', message: 'bad' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
