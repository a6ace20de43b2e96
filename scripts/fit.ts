/**
 * `npm run fit`: fits the TTI model to src/data/tti-findings.json and writes src/data/tti-params.json.
 * `npm run fit -- --check`: exits 1 when the shipped params differ from what the fit produces.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { fitModel } from '../src/core/tti/fit.ts';
import type { EvidenceDataset } from '../src/core/tti/evidence.ts';

const root = new URL('../', import.meta.url);
const evidencePath = fileURLToPath(new URL('src/data/tti-findings.json', root));
const paramsPath = fileURLToPath(new URL('src/data/tti-params.json', root));

const dataset = JSON.parse(await readFile(evidencePath, 'utf8')) as EvidenceDataset;
const fitted = fitModel(dataset);
// Formatted like the rest of the repository so `prettier --check` passes on the generated file.
const text = await format(JSON.stringify(fitted), { parser: 'json', filepath: paramsPath });

if (process.argv.includes('--check')) {
  const shipped = await readFile(paramsPath, 'utf8').catch(() => '');
  if (shipped !== text) {
    console.error(`${paramsPath} is out of date: run npm run fit`);
    process.exit(1);
  }
  console.log(`tti-params.json is up to date (model ${fitted.model.version})`);
} else {
  await writeFile(paramsPath, text);
  const { conversion, bounce } = fitted.model;
  console.log(
    `model ${fitted.model.version}: β central ${conversion.betaCentral}, low ${conversion.betaLow}, ` +
      `high ${conversion.betaHigh}; bounce a ${bounce.a}, γ ${bounce.gamma}`,
  );
}
