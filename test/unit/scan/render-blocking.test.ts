import { describe, expect, it } from 'vitest';
import {
  mediaMayMatch,
  scriptIsRenderBlocking,
  scriptType,
  stylesheetIsRenderBlocking,
  type ScriptFacts,
  type StylesheetFacts,
} from '../../../src/core/scan/render-blocking.ts';

const script = (facts: Partial<ScriptFacts>): ScriptFacts => ({
  inHead: true,
  type: null,
  async: false,
  defer: false,
  nomodule: false,
  blocking: null,
  ...facts,
});
const sheet = (facts: Partial<StylesheetFacts>): StylesheetFacts => ({
  inHead: true,
  media: null,
  disabled: false,
  alternate: false,
  blocking: null,
  ...facts,
});

describe('scriptIsRenderBlocking', () => {
  it.each<[string, Partial<ScriptFacts>, boolean]>([
    ['sync classic script in head', {}, true],
    ['type=text/javascript', { type: 'text/javascript' }, true],
    ['type="TEXT/JAVASCRIPT; charset=utf-8"', { type: 'TEXT/JAVASCRIPT; charset=utf-8' }, true],
    ['type=""', { type: '' }, true],
    ['async', { async: true }, false],
    ['defer', { defer: true }, false],
    ['async defer', { async: true, defer: true }, false],
    ['type=module (deferred by default)', { type: 'module' }, false],
    ['type=module async', { type: 'module', async: true }, false],
    ['nomodule', { nomodule: true }, false],
    ['data block application/ld+json', { type: 'application/ld+json' }, false],
    ['unknown type text/template', { type: 'text/template' }, false],
    ['language=vbscript', { language: 'vbscript' }, false],
    ['language=javascript1.2', { language: 'JavaScript1.2' }, true],
    ['in body', { inHead: false }, false],
    ['async with blocking=render', { async: true, blocking: 'render' }, true],
    ['module with blocking=render', { type: 'module', blocking: 'RENDER' }, true],
    ['in body with blocking=render', { inHead: false, blocking: 'render' }, true],
    ['data block with blocking=render', { type: 'text/plain', blocking: 'render' }, false],
  ])('%s → %s', (_, facts, expected) => {
    expect(scriptIsRenderBlocking(script(facts))).toBe(expected);
  });
});

describe('stylesheetIsRenderBlocking', () => {
  it.each<[string, Partial<StylesheetFacts>, boolean]>([
    ['stylesheet in head', {}, true],
    ['media=all', { media: 'all' }, true],
    ['media=screen', { media: 'screen' }, true],
    ['media with features', { media: '(min-width: 900px)' }, true],
    ['media=print', { media: 'print' }, false],
    ['media="print, screen"', { media: 'print, screen' }, true],
    ['media="not all"', { media: 'not all' }, false],
    ['disabled', { disabled: true }, false],
    ['alternate', { alternate: true }, false],
    ['in body', { inHead: false }, false],
    ['in body with blocking=render', { inHead: false, blocking: 'render' }, true],
    ['print with blocking=render', { media: 'print', blocking: 'render' }, false],
  ])('%s → %s', (_, facts, expected) => {
    expect(stylesheetIsRenderBlocking(sheet(facts))).toBe(expected);
  });
});

describe('mediaMayMatch', () => {
  it.each<[string | null, boolean]>([
    [null, true],
    ['', true],
    ['all', true],
    ['screen', true],
    ['SCREEN', true],
    ['only screen and (max-width: 600px)', true],
    ['(prefers-color-scheme: dark)', true],
    ['print', false],
    ['speech', false],
    ['tty', false],
    ['print and (min-width: 1px)', false],
    ['not print', true],
    ['not screen', false],
    ['not all', false],
    ['not screen and (color)', true],
    ['print, speech', false],
    ['print, (min-width: 1px)', true],
    ['bogus-type', false],
  ])('%j → %s', (media, expected) => {
    expect(mediaMayMatch(media)).toBe(expected);
  });
});

describe('scriptType', () => {
  it.each<[string | null, string | null, string]>([
    [null, null, 'classic'],
    ['application/javascript', null, 'classic'],
    ['module', null, 'module'],
    [' Module ', null, 'module'],
    ['importmap', null, 'data'],
    ['speculationrules', null, 'data'],
    [null, 'javascript', 'classic'],
    [null, 'php', 'data'],
  ])('type=%j language=%j → %s', (type, language, expected) => {
    expect(scriptType(type, language)).toBe(expected);
  });
});
