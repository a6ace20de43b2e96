/**
 * `npm run doh:local`: runs the project's RFC 8484 DoH server on loopback, answering from the fixture
 * zones in test/fixtures/zones/, for offline development and demos. Prints the DOH_UPSTREAMS value to
 * put in .dev.vars (or pass with `wrangler pages dev --binding DOH_UPSTREAMS=...`).
 *
 *   npm run doh:local -- [--port 8053] [--latency 20]
 */
import { parseArgs } from 'node:util';
import { startDohServer } from '../test/support/doh-server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8053' }, latency: { type: 'string', default: '0' } },
});
const port = Number(values.port);
const latencyMs = Number(values.latency);
if (!Number.isInteger(port) || port < 0 || port > 65_535 || !Number.isFinite(latencyMs) || latencyMs < 0) {
  console.error('usage: npm run doh:local -- [--port 8053] [--latency 20]');
  process.exit(2);
}

const server = await startDohServer({ port, faults: { latencyMs } });
console.log(`Local DoH server (fixture zones) on ${server.url}`);
console.log(`Fault control: ${server.controlUrl}  (GET = query counts, POST JSON = faults)`);
console.log('');
console.log('Use it with:');
console.log(`  DOH_UPSTREAMS=${server.url}`);
console.log('');
console.log('Ctrl-C stops it.');

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
