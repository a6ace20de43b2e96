/**
 * Third-party cost by company from a Lighthouse report, from either audit Lighthouse has used:
 * - `third-parties-insight` (Lighthouse 12.4 and later; 13 has only this): per entity `mainThreadTime`
 *   and `transferSize`. Its main-thread time is what the trace recorded, NOT scaled to the simulated
 *   device (trace_engine's ThirdParties summary sums selfTime as observed);
 * - `third-party-summary` (up to 12.x): per entity `mainThreadTime` already multiplied by the CPU
 *   slowdown when throttling is simulated, plus `blockingTime`.
 * So that the two mean the same and compare with the lab TTI (which is simulated), the insight's time
 * is multiplied by the report's CPU slowdown, exactly as Lighthouse's own third-party-summary,
 * bootup-time and mainthread-work-breakdown audits do. Entity names are Lighthouse's (third-party-web).
 * When a report has both audits, the insight gives the list and the summary adds blocking time by name.
 */
import * as z from 'zod';
import type { LighthouseResult } from './psi-schema.ts';
import type { ThirdPartyAudit, ThirdPartyCost } from './types.ts';

/** Lighthouse writes entities as a name; some older reports wrote a link value `{ type, text, url }`. */
const entityName = z.union([z.string(), z.object({ text: z.string() }).transform((link) => link.text)]);
const nonNegative = z.number().min(0);

const itemSchema = z.object({
  entity: entityName,
  mainThreadTime: nonNegative.optional(),
  transferSize: nonNegative.optional(),
  blockingTime: nonNegative.optional(),
});
const tableSchema = z.object({ items: z.array(z.unknown()) });

type Item = z.output<typeof itemSchema>;

/** The audit's table items that parse (a malformed row is skipped, not fatal), or null without a table. */
function tableItems(lhr: LighthouseResult, id: ThirdPartyAudit): Item[] | null {
  const audit = lhr.audits[id];
  if (!audit || audit.scoreDisplayMode === 'error') return null;
  const table = tableSchema.safeParse(audit.details);
  if (!table.success) return null;
  return table.data.items.flatMap((raw) => {
    const item = itemSchema.safeParse(raw);
    return item.success && item.data.entity.trim() !== '' ? [item.data] : [];
  });
}

export interface ThirdPartyReading {
  /** Every entity the audit lists, heaviest main-thread first (ties: larger transfer first). */
  thirdParties: ThirdPartyCost[];
  audit: ThirdPartyAudit | null;
}

export function readThirdParties(lhr: LighthouseResult, cpuSlowdown: number): ThirdPartyReading {
  const insight = tableItems(lhr, 'third-parties-insight');
  const summary = tableItems(lhr, 'third-party-summary');
  const blocking = new Map((summary ?? []).map((item) => [item.entity, item.blockingTime]));
  const source: { audit: ThirdPartyAudit; items: Item[]; scale: number } | null = insight
    ? { audit: 'third-parties-insight', items: insight, scale: cpuSlowdown }
    : summary
      ? { audit: 'third-party-summary', items: summary, scale: 1 }
      : null;
  if (!source) return { thirdParties: [], audit: null };
  const thirdParties = source.items
    .map((item): ThirdPartyCost => {
      const blockingMs = blocking.get(item.entity);
      return {
        entity: item.entity,
        mainThreadMs: Math.round((item.mainThreadTime ?? 0) * source.scale),
        transferBytes: Math.round(item.transferSize ?? 0),
        ...(blockingMs === undefined ? {} : { blockingMs: Math.round(blockingMs) }),
      };
    })
    .sort((a, b) => b.mainThreadMs - a.mainThreadMs || b.transferBytes - a.transferBytes);
  return { thirdParties, audit: source.audit };
}
