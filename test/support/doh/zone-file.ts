/**
 * The fixture zone format (test/fixtures/zones/*.zone), a small subset of RFC 1035 master files:
 *
 *   ; comment                       (also after a record)
 *   $TTL 300                        default TTL of the records that follow
 *   name [ttl] TYPE data            names are absolute, with or without the trailing dot
 *
 * TYPE is A, AAAA, CNAME, NS, TXT ("quoted" strings, concatenated) or the test-only FAULT, whose data
 * (servfail | refused | timeout | malformed | truncated | http500) makes the server misbehave for that
 * name, so a fault can be pinned to one host without touching the others.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export type ZoneType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'TXT' | 'FAULT';
export const FAULTS = ['servfail', 'refused', 'timeout', 'malformed', 'truncated', 'http500'] as const;
export type Fault = (typeof FAULTS)[number];

export interface ZoneRecord {
  name: string;
  type: ZoneType;
  ttl: number;
  data: string;
  /** file:line, for error messages. */
  source: string;
}

const TYPES = new Set<ZoneType>(['A', 'AAAA', 'CNAME', 'NS', 'TXT', 'FAULT']);
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
    if (type === 'TXT') data = readTxt(data, source);
    else if (type === 'CNAME' || type === 'NS') data = canonical(data);
    else if (type === 'FAULT' && !(FAULTS as readonly string[]).includes(data)) {
      throw new Error(`${source}: unknown fault ${data}`);
    }
    records.push({
      name: canonical(name),
      type,
      ttl: ttl === undefined ? defaultTtl : Number(ttl),
      data,
      source,
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

function readTxt(data: string, source: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
  if (parts.length === 0) throw new Error(`${source}: TXT data must be quoted`);
  return parts.join('');
}
