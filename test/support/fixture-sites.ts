/**
 * PLACEHOLDER (owned by the scan work): fixture origins on loopback that scans fetch.
 * Replace with the real servers; keep the exported signature.
 */
export interface FixtureSites {
  /** Origins (scheme://host:port) to allow through SCAN_ALLOWED_ORIGINS. */
  origins: string[];
  stop(): Promise<void>;
}

export async function startFixtureSites(): Promise<FixtureSites> {
  return { origins: [], stop: async () => {} };
}
