/**
 * A per-request subrequest budget. Every DoH fetch (retries included) takes one unit; when none is left
 * the question fails with `budget_exhausted` instead of the Worker failing with "Too many subrequests".
 */
export interface Budget {
  /** Takes one unit; false when spent. */
  take(): boolean;
  remaining(): number;
  used(): number;
}

export function createBudget(total: number): Budget {
  let used = 0;
  return {
    take() {
      if (used >= total) return false;
      used++;
      return true;
    },
    remaining: () => Math.max(0, total - used),
    used: () => used,
  };
}

/** No limit (Node scripts, the browser). */
export const unlimitedBudget: Budget = createBudget(Number.POSITIVE_INFINITY);
