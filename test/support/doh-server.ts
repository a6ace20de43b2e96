/**
 * PLACEHOLDER (owned by the DNS work): the project's RFC 8484 DoH server on loopback.
 * Replace with the real server; keep the exported signature.
 */
export interface DohServer {
  /** e.g. http://127.0.0.1:PORT/dns-query */
  url: string;
  /** Base URL of the fault-control endpoint, e.g. http://127.0.0.1:PORT/_control */
  controlUrl: string;
  stop(): Promise<void>;
}

export async function startDohServer(): Promise<DohServer> {
  return { url: '', controlUrl: '', stop: async () => {} };
}
