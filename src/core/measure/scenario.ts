/**
 * The third-party scenario: "what would TTI be if these companies' main-thread work ran after the page
 * became interactive?" It is arithmetic on one lab run, not a measurement, and says so wherever it is
 * shown (SCENARIO_ASSUMPTION travels with it in the API answer and on the page).
 *
 * TTI − (their main-thread time), never earlier than First Contentful Paint: Lighthouse's TTI is the start
 * of the first quiet window after FCP, so no amount of moved work can put it before FCP.
 */
import type { LabMetrics, ThirdPartyCost, ThirdPartyScenario } from './types.ts';

export const SCENARIO_ASSUMPTION =
  'A scenario, not a measurement: it assumes all of this main-thread work happens before the page becomes interactive today, ' +
  'that it could run after the first interaction instead (loaded on interaction, or dropped), and that nothing else takes its place. ' +
  'TTI cannot come before First Contentful Paint.';

export function thirdPartyScenario(
  lab: Pick<LabMetrics, 'ttiMs' | 'fcpMs'>,
  thirdParties: readonly ThirdPartyCost[],
): ThirdPartyScenario | null {
  if (lab.ttiMs === null) return null;
  const mainThreadMs = thirdParties.reduce((sum, party) => sum + party.mainThreadMs, 0);
  if (mainThreadMs <= 0) return null;
  const floor = Math.min(lab.fcpMs ?? 0, lab.ttiMs);
  const unfloored = lab.ttiMs - mainThreadMs;
  const ttiMs = Math.max(floor, unfloored);
  return {
    ttiMs,
    savedMs: lab.ttiMs - ttiMs,
    mainThreadMs,
    flooredAtFcp: unfloored < floor,
    assumption: SCENARIO_ASSUMPTION,
  };
}
