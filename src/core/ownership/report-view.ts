/**
 * The report as every view of the mapper reads it: sister domains counted as the owner's own (unless the
 * reader said otherwise) and each resource's risks judged with that verdict. The page draws from this
 * view and keeps its resources (with their risks) on the report it exports and saves.
 */
import type { DependencyReport } from '../map/types.ts';
import { resourcesWithRisks } from '../risk/map-risks.ts';
import { applyOwnership, type OwnershipView } from './apply-ownership.ts';

export function reportView(report: DependencyReport): OwnershipView {
  const view = applyOwnership(report);
  return { report: { ...view.report, resources: resourcesWithRisks(view.report) }, sisters: view.sisters };
}
