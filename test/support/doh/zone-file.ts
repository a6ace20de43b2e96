/**
 * The fixture zone format (test/fixtures/zones/*.zone), a small subset of RFC 1035 master files:
 *
 *   ; comment                       (also after a record)
 *   $TTL 300                        default TTL of the records that follow
 *   name [ttl] TYPE data            names are absolute, with or without the trailing dot
 *
 * TYPE is A, AAAA, CNAME, NS, TXT ("quoted" strings, concatenated), SOA (`<mname> <rname>`: the primary name
 * server and the contact mailbox as a name; the timers are fixed) or one of two test-only types:
 * - FAULT, whose data (servfail | refused | timeout | malformed | truncated | http500) makes the server
 *   misbehave for that name, so a fault can be pinned to one host without touching the others;
 * - REBIND `<first> <later> [after=N]`, a name whose answer changes over successive queries (DNS
 *   rebinding): the first N A/AAAA questions of each type (default 1) get the first answer, every later
 *   one the second (see ZoneResolver). Each answer is an IP address of either family, `nxdomain`, or a
 *   FAULT word (an attacker's server may also stop answering the second lookup).
 */
import { readFile, readdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';

export type ZoneType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'TXT' | 'SOA' | 'FAULT' | 'REBIND';
export const FAULTS = ['servfail', 'refused', 'timeout', 'malformed', 'truncated', 'http500'] as const;
export type Fault = (typeof FAULTS)[number];

/** A REBIND record's data: what the n-th question of a type gets. */
export interface Rebind {
  /** An IP address, `nxdomain` or a fault. */
  first: RebindAnswer;
  later: RebindAnswer;
  /** Questions (per type) answered from `first` before the answer switches to `later`. */
  after: number;
}

export type RebindAnswer = string | 'nxdomain' | Fault;

/**
 * REBIND without `after=`: only the first question of a type sees the first answer — the classic attack,
 * where the victim's check sees a public address and its next lookup (for the request) a private one.
 */
export const DEFAULT_REBIND_AFTER = 1;

export interface ZoneRecord {
  name: string;
  type: ZoneType;
  ttl: number;
  data: string;
  /** file:line, for error messages. */
  source: string;
  /** Parsed data of a REBIND record. */
  rebind?: Rebind;
}

const TYPES = new Set<ZoneType>(['A', 'AAAA', 'CNAME', 'NS', 'TXT', 'SOA', 'FAULT', 'REBIND']);
/** Default TTL when a file has no $TTL: five minutes, common for CDN names. */
export const DEFAULT_ZONE_TTL = 300;

/** Parses one zone file; throws with file:line on anything it does not understand (fixtures must be exact). */
export function parseZone(text: string, file = 'zone'): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  let defaultTtl = DEFAULT_ZONE_TTL;
  for (const [index, raw] of text.split('\n').entries()) {
    const source = `${file}:${index + 1}`;
    const line = stripComment(raw).trim();
    if (line === '') continue;
    const ttlDirective = /^\$TTL\s+(\d+)$/i.exec(line);
    if (ttlDirective) {
      defaultTtl = Number(ttlDirective[1]);
      continue;
    }
    const match = /^(\S+)\s+(?:(\d+)\s+)?(?:IN\s+)?([A-Z]+)\s+(.+)$/i.exec(line);
    if (!match) throw new Error(`${source}: cannot read "${raw}"`);
    const [, name, ttl, rawType, rawData] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
      string,
    ];
    const type = rawType.toUpperCase() as ZoneType;
    if (!TYPES.has(type)) throw new Error(`${source}: unsupported type ${rawType}`);
    let data = rawData.trim();
    let rebind: Rebind | undefined;
    if (type === 'TXT') data = readTxt(data, source);
    else if (type === 'REBIND') rebind = readRebind(data, source);
    else if (type === 'CNAME' || type === 'NS') data = canonical(data);
    else if (type === 'SOA') data = readSoa(data, source);
    else if (type === 'FAULT' && !(FAULTS as readonly string[]).includes(data)) {
      throw new Error(`${source}: unknown fault ${data}`);
    }
    records.push({
      name: canonical(name),
      type,
      ttl: ttl === undefined ? defaultTtl : Number(ttl),
      data,
      source,
      ...(rebind && { rebind }),
    });
  }
  return records;
}

/** All *.zone files of a folder, in name order. */
export async function loadZones(dir: string): Promise<ZoneRecord[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.zone')).sort();
  const all = await Promise.all(files.map(async (f) => parseZone(await readFile(join(dir, f), 'utf8'), f)));
  return all.flat();
}

export function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ';' && !quoted) return line.slice(0, i);
  }
  return line;
}

/** `<first> <later> [after=N]`: two answers (IP address, `nxdomain` or a fault) and N >= 1. */
function readRebind(data: string, source: string): Rebind {
  const match = /^(\S+)\s+(\S+)(?:\s+after=(\d+))?$/.exec(data);
  if (!match) throw new Error(`${source}: REBIND needs "<first> <later> [after=N]"`);
  const [, first, later, after] = match as unknown as [string, string, string, string | undefined];
  const answers = [first, later].map((answer) => {
    const word = answer.toLowerCase();
    if (isIP(word) === 0 && word !== 'nxdomain' && !(FAULTS as readonly string[]).includes(word)) {
      throw new Error(`${source}: REBIND answer ${answer} is not an IP address, nxdomain or a fault`);
    }
    return word;
  }) as [RebindAnswer, RebindAnswer];
  const count = after === undefined ? DEFAULT_REBIND_AFTER : Number(after);
  if (count < 1) throw new Error(`${source}: REBIND after=${after} must be at least 1`);
  return { first: answers[0], later: answers[1], after: count };
}

/** `<mname> <rname>`: two names, kept canonical and joined by one space (how the DoH client flattens a SOA). */
function readSoa(data: string, source: string): string {
  const names = data.split(/\s+/);
  if (names.length !== 2) throw new Error(`${source}: SOA needs "<mname> <rname>"`);
  return names.map(canonical).join(' ');
}

function readTxt(data: string, source: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  if (parts.length === 0) throw new Error(`${source}: TXT data must be quoted`);
  return parts.join('');
}
