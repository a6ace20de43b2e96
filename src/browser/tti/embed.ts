/**
 * The embed's own script (besides the calculator's island): tells the page around it how tall it is,
 * whenever that changes, and keeps "Open full calculator" pointing at the result on screen. Tiny at load:
 * the link's builder loads only once the island has rendered a new result (it needs the query parser the
 * island's engine has already loaded by then).
 */
import {
  EMBED_MESSAGE_TYPE,
  EMBED_MESSAGE_VERSION,
  type EmbedHeightMessage,
} from '../../components/tti/embed-snippet.ts';

const root = document.getElementById('tti-embed');

if (root && window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: EmbedHeightMessage = { type: EMBED_MESSAGE_TYPE, version: EMBED_MESSAGE_VERSION, height };
    // Only a number leaves the frame, so any embedding origin may read it (embed-snippet.ts).
    window.parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(root);
  post();
}

const result = document.getElementById('tti-result');
const link = document.getElementById('tti-open-full');
if (result && link) {
  new MutationObserver(() => {
    void import('../../components/tti/embed-link.ts').then(({ fullCalculatorHref }) =>
      link.setAttribute('href', fullCalculatorHref(new URLSearchParams(result.dataset['query'] ?? ''))),
    );
  }).observe(result, { attributes: true, attributeFilter: ['data-query'] });
}
