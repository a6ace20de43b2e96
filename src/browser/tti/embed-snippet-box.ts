/**
 * Fills the embed snippet on /tti/ with this deployment's origin and the model fields of the result on
 * screen (not utm_* and the like: those are the visitor's, not the embedding site's), when the box opens.
 */
import { embedSnippet } from '../../components/tti/embed-snippet.ts';

/** The query's model fields (the contract's names, src/core/tti/query.ts), kept without the parser. */
const MODEL_FIELDS = /^(?:current|target|bounceRate|sessions|conversionRate|orderValue|currency)$/;

const box = document.getElementById('tti-embed-box') as HTMLDetailsElement | null;
const code = document.getElementById('tti-embed-code') as HTMLTextAreaElement | null;
if (box && code) {
  box.addEventListener('toggle', () => {
    if (!box.open) return;
    const query = new URLSearchParams(
      [...new URLSearchParams(location.search)].filter(([n]) => MODEL_FIELDS.test(n)),
    );
    code.value = embedSnippet(location.origin, query.toString());
  });
}
