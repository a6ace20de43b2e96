import { describe, expect, it } from 'vitest';
import { compactIntegrity, readIntegrity } from '../../../src/core/risk/sri.ts';

/** Real digests (sha384 of jQuery 3.7.1 as published on code.jquery.com), and made-up shapes around them. */
const SHA384 = 'sha384-1H217gwSVyLSIfaLxHbE7dRb3v4mYCKbpQvzx0cegeju1MVsGrX5xXxAvs/HgeFs';
const SHA256 = 'sha256-/xUj+3OJU5yExlq6GSYGSHk7tPXikynS7ogEvDej/m4=';

describe('readIntegrity (W3C SRI §3.3.3 "Parse metadata")', () => {
  it.each<[string, string, string[]?]>([
    [SHA384, 'checked', ['sha384']],
    [`${SHA256} ${SHA384}`, 'checked', ['sha256', 'sha384']],
    [`SHA384-${SHA384.slice(7)}`, 'checked', ['sha384']],
    // base64url digests and ?options are allowed by the grammar
    ['sha512-AbC_d-Ef', 'checked', ['sha512']],
    [`${SHA384}?ct=application/javascript`, 'checked', ['sha384']],
    // one usable token is enough; the browser ignores the others
    [`md5-abc ${SHA384}`, 'checked', ['sha384']],
    ['', 'empty'],
    ['   \n\t ', 'empty'],
    ['md5-1B2M2Y8AsgTpgAmY7PhCfg==', 'unusable'],
    ['sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=', 'unusable'],
    ['sha384', 'unusable'],
    ['sha384-', 'unusable'],
    ['sha384-not_base64!', 'unusable'],
    // whitespace separates tokens: "sha384-not" is a well-formed (wrong) digest, so the browser checks and refuses
    ['sha384-not base64!', 'checked', ['sha384']],
    ['sha384-ab$cd', 'unusable'],
    ['true', 'unusable'],
  ])('%j → %s', (value, state, algorithms) => {
    const reading = readIntegrity(value);
    expect(reading.state).toBe(state);
    if (algorithms) expect(reading).toMatchObject({ algorithms });
  });
});

describe('compactIntegrity: what a saved report keeps, read the same way', () => {
  it.each<[string, string]>([
    [SHA384, SHA384],
    [`  ${SHA256}\n\t${SHA384} `, `${SHA256} ${SHA384}`],
    ['', ''],
    [' \n ', ''],
    [`${'md5-x '.repeat(100)}${SHA384}`, SHA384],
    ['x'.repeat(1000), 'x'.repeat(400)],
  ])('%j → %j', (value, expected) => {
    const kept = compactIntegrity(value, 400);
    expect(kept).toBe(expected);
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(readIntegrity(kept).state).toBe(readIntegrity(value).state);
  });
});
