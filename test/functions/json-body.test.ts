/**
 * functions/lib/json-body.ts: the one reader of JSON request bodies (scan, resolve, reports). The order of
 * refusals is part of the contract: 415 before anything is read, then 413 (declared or streamed), then 400.
 */
import { describe, expect, it } from 'vitest';
import {
  assertJsonMediaType,
  mediaTypeOf,
  readCappedText,
  readJsonBody,
} from '../../functions/lib/json-body.ts';
import { ApiError } from '../../src/core/http/api-error.ts';

const LIMIT = 16;
const options = {
  maxBytes: LIMIT,
  tooLarge: () => new ApiError(413, 'too_large_here', 'big'),
  notJson: () => new ApiError(400, 'not_json_here', 'bad'),
};

/** A POST whose body arrives as a stream of chunks, without a Content-Length. */
function streamed(chunks: string[], type = 'application/json'): { request: Request; pulled: () => number } {
  let pulled = 0;
  const encoder = new TextEncoder();
  // highWaterMark 0: nothing is pulled until someone reads, so `pulled` counts the reader's reads.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(encoder.encode(next));
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request('https://tools.test/api/x', {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  return { request, pulled: () => pulled };
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('https://tools.test/api/x', { method: 'POST', headers, body });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) =>
      error instanceof ApiError ? `${error.status} ${error.code}` : `thrown ${String(error)}`,
  );
}

describe('mediaTypeOf', () => {
  it.each<[string | null, string]>([
    ['application/json', 'application/json'],
    ['application/json; charset=utf-8', 'application/json'],
    ['  Application/JSON ;charset=UTF-8', 'application/json'],
    ['text/plain', 'text/plain'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (header, expected) => {
    expect(mediaTypeOf(header)).toBe(expected);
  });
});

describe('assertJsonMediaType', () => {
  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/ld+json'], ['json']])(
    'refuses %s with 415 unsupported_media_type and the route hint',
    (type) => {
      const request = post('{}', { 'content-type': type });
      expect(() => assertJsonMediaType(request, 'hint')).toThrow(
        expect.objectContaining({ status: 415, code: 'unsupported_media_type', message: 'hint' }),
      );
    },
  );
});

describe('readCappedText', () => {
  it('reads a body of exactly the limit', async () => {
    expect(await readCappedText(post('x'.repeat(LIMIT)), LIMIT, options.tooLarge)).toBe('x'.repeat(LIMIT));
  });

  it('counts bytes, not characters', async () => {
    // 6 two-byte characters = 12 bytes fit; 9 = 18 bytes do not.
    expect(await readCappedText(post('é'.repeat(6)), LIMIT, options.tooLarge)).toBe('é'.repeat(6));
    expect(await codeOf(readCappedText(post('é'.repeat(9)), LIMIT, options.tooLarge))).toBe(
      '413 too_large_here',
    );
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    const { request, pulled } = streamed(['{}']);
    const lying = new Request(request, { headers: { 'content-length': String(LIMIT + 1) } });
    expect(await codeOf(readCappedText(lying, LIMIT, options.tooLarge))).toBe('413 too_large_here');
    expect(pulled()).toBe(0);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { request, pulled } = streamed(['x'.repeat(10), 'x'.repeat(10), 'never read', 'never read']);
    expect(await codeOf(readCappedText(request, LIMIT, options.tooLarge))).toBe('413 too_large_here');
    expect(pulled()).toBe(2);
  });

  it('reads no body as the empty string', async () => {
    const request = new Request('https://tools.test/api/x', { method: 'POST' });
    expect(await readCappedText(request, LIMIT, options.tooLarge)).toBe('');
  });
});

describe('readJsonBody', () => {
  it.each<[string, Request, string]>([
    ['a JSON object', post('{"a":1}'), 'ok'],
    ['JSON in chunks', streamed(['{"a"', ':1}']).request, 'ok'],
    ['not JSON', post('{"a":'), '400 not_json_here'],
    ['empty', post(''), '400 not_json_here'],
    ['too large and not JSON', post('x'.repeat(LIMIT + 1)), '413 too_large_here'],
    [
      'too large and text/plain',
      post('x'.repeat(LIMIT + 1), { 'content-type': 'text/plain' }),
      '415 unsupported_media_type',
    ],
  ])('%s → %s', async (_label, request, expected) => {
    expect(await codeOf(readJsonBody(request, options))).toBe(expected);
  });

  it('returns the parsed value', async () => {
    expect(await readJsonBody(post('{"url":"a.b"}'), options)).toEqual({ url: 'a.b' });
  });
});
