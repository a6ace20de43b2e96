/**
 * `npm run fit`: fits the TTI model to src/data/tti-findings.json and writes src/data/tti-params.json
 * (the fit) and src/data/tti-validation.json (leave-one-study-out validation, bounce checks, and the
 * sensitivity of the numbers to the fit's judgement calls).
 * `npm run fit -- --check`: exits 1 when either shipped file differs from what the fit produces.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import type { EvidenceDataset } from '../src/core/tti/evidence.ts';
import { fitModel } from '../src/core/tti/fit/fit-model.ts';
import { validateModel } from '../src/core/tti/fit/validation-file.ts';

const root = new URL('../', import.meta.url);
const path = (name: string) => fileURLToPath(new URL(`src/data/${name}`, root));

const dataset = JSON.parse(await readFile(path('tti-findings.json'), 'utf8')) as EvidenceDataset;
const fitted = fitModel(dataset);
const validation = validateModel(dataset);
const outputs: Array<[string, unknown]> = [
  ['tti-params.json', fitted],
  ['tti-validation.json', validation],
];

const check = process.argv.includes('--check');
let stale = false;
for (const [name, value] of outputs) {
  // Formatted like the rest of the repository so the files read well in diffs.
  const text = await format(JSON.stringify(value), { parser: 'json', filepath: path(name) });
  if (!check) {
    await writeFile(path(name), text);
  } else if ((await readFile(path(name), 'utf8').catch(() => '')) !== text) {
    console.error(`src/data/${name} is out of date: run npm run fit`);
    stale = true;
  }
}
if (stale) process.exit(1);

const { conversion, bounce } = fitted.model;
const loso = validation.summary.conversion;
console.log(
  `${check ? 'tti-params.json and tti-validation.json are up to date: ' : ''}model ${fitted.model.version}: ` +
    `β central ${conversion.betaCentral}, low ${conversion.betaLow}, high ${conversion.betaHigh}; ` +
    `bounce a ${bounce.a}, γ ${bounce.gamma}\n` +
    `leave-one-study-out over ${loso.studies} studies: median |error| ${loso.medianAbsErrorPp} pp; ` +
    `inside the shipped range ${loso.inShippedRange}/${loso.studies}, ` +
    `inside the held-out range ${loso.inHeldOutRange}/${loso.studies}`,
);
