/**
 * A hand-made chrome-har capture of a busy magazine page: 3 first-party and 100 third-party hosts, one
 * request each (the document on top). Every name resolves offline through the fixture zones: 55 from
 * google/cloudflare/cloudfront/akamai/fastly/azure/meta.zone and 45 from many-hosts.zone, two of which do
 * not exist (cdn.polyfill.io, s7.addthis.com), so the map carries unresolved hosts as data too.
 *
 * The committed file test/fixtures/har/hundred-hosts.har.json is this module's output; regenerate it with
 * `node test/support/hundred-hosts-har.ts` (test/e2e/deps-graph.test.ts fails when the two disagree).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HUNDRED_HOSTS_PAGE = 'https://www.fixture-magazine.com/';
export const HUNDRED_HOSTS_HAR_PATH = fileURLToPath(
  new URL('../fixtures/har/hundred-hosts.har.json', import.meta.url),
);

type ChromeType = 'document' | 'stylesheet' | 'script' | 'image' | 'font' | 'xhr' | 'fetch' | 'ping';

/** [URL, Chrome `_resourceType`, Chrome `_renderBlocking` said "blocking"]. */
type Request = readonly [url: string, type: ChromeType, blocking?: true];

const FIRST_PARTY: readonly Request[] = [
  ['https://static.fixture-magazine.com/css/main.css', 'stylesheet', true],
  ['https://img.fixture-magazine.com/covers/2026-11.jpg', 'image'],
];

/** Hosts of the seven original fixture zones (test/fixtures/zones/README.md). */
const ORIGINAL_ZONES: readonly Request[] = [
  ['https://www.googletagmanager.com/gtm.js', 'script'],
  ['https://www.google-analytics.com/g/collect', 'ping'],
  ['https://fonts.googleapis.com/css2', 'stylesheet', true],
  ['https://fonts.gstatic.com/s/inter/v13/inter.woff2', 'font'],
  ['https://ajax.googleapis.com/ajax/libs/webfont/1.6.26/webfont.js', 'script'],
  ['https://www.gstatic.com/recaptcha/releases/api.js', 'script'],
  ['https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js', 'script'],
  ['https://securepubads.g.doubleclick.net/tag/js/gpt.js', 'script'],
  ['https://stats.g.doubleclick.net/g/collect', 'ping'],
  ['https://www.youtube.com/iframe_api', 'script'],
  ['https://i.ytimg.com/vi/abc/hqdefault.jpg', 'image'],
  ['https://maps.googleapis.com/maps/api/js', 'script'],
  ['https://storage.googleapis.com/fixture-magazine/feed.json', 'fetch'],
  ['https://www.recaptcha.net/recaptcha/api.js', 'script'],
  ['https://cdnjs.cloudflare.com/ajax/libs/lazysizes/5.3.2/lazysizes.min.js', 'script'],
  ['https://static.cloudflareinsights.com/beacon.min.js', 'script'],
  ['https://challenges.cloudflare.com/turnstile/v0/api.js', 'script'],
  ['https://unpkg.com/htmx.org@2.0.3/dist/htmx.min.js', 'script', true],
  ['https://cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.js', 'script'],
  ['https://cdn.onesignal.com/sdks/web/v16/OneSignalSDK.page.js', 'script'],
  ['https://js.hs-scripts.com/4711.js', 'script'],
  ['https://cdn.shopify.com/shopifycloud/buy-button.js', 'script'],
  ['https://cdn.cookielaw.org/scripttemplates/otSDKStub.js', 'script', true],
  ['https://d111111abcdef8.cloudfront.net/player/embed.js', 'script'],
  ['https://assets.fixture-shop.com/widgets/shop-teaser.js', 'script'],
  ['https://cdn.segment.com/analytics.js/v1/key/analytics.min.js', 'script'],
  ['https://js.intercomcdn.com/frame-modern.js', 'script'],
  ['https://widget.intercom.io/widget/abc123', 'script'],
  ['https://cdn.amplitude.com/libs/analytics-browser-2.11.1-min.js.gz', 'script'],
  ['https://m.media-amazon.com/images/I/book-cover.jpg', 'image'],
  ['https://images-na.ssl-images-amazon.com/images/G/01/badge.png', 'image'],
  ['https://static.hotjar.com/c/hotjar-123.js', 'script'],
  ['https://www.apple.com/ac/globalnav/7/en_US/images/apple.svg', 'image'],
  ['https://www.microsoft.com/library/svy/broker.js', 'script'],
  ['https://assets.adobedtm.com/launch-EN123.min.js', 'script', true],
  ['https://www.paypalobjects.com/api/checkout.js', 'script'],
  ['https://s.yimg.com/wi/ytc.js', 'script'],
  ['https://static.fixture-bank.co.uk/partner/rates.js', 'script'],
  ['https://www.redditstatic.com/ads/pixel.js', 'script'],
  ['https://i.redd.it/meme.png', 'image'],
  ['https://code.jquery.com/jquery-3.7.1.min.js', 'script', true],
  ['https://pypi.org/pypi/requests/json', 'fetch'],
  ['https://media.giphy.com/media/xyz/giphy.gif', 'image'],
  ['https://github.githubassets.com/assets/embed.js', 'script'],
  ['https://cdn.sstatic.net/Js/stub.en.js', 'script'],
  ['https://www.fixture-news.github.io/widget/headlines.js', 'script'],
  ['https://js.monitor.azure.com/scripts/b/ai.3.gbl.min.js', 'script'],
  ['https://cdn.fixture-azure.com/tiles/weather.js', 'script'],
  ['https://api.fixture-azure.com/v1/weather', 'xhr'],
  ['https://az416426.vo.msecnd.net/scripts/a/ai.0.js', 'script'],
  ['https://c.bing.com/c.gif', 'image'],
  ['https://connect.facebook.net/en_US/fbevents.js', 'script'],
  ['https://www.facebook.com/tr/', 'ping'],
  ['https://static.xx.fbcdn.net/rsrc.php/v3/y1/r/sdk.js', 'script'],
  ['https://www.instagram.com/embed.js', 'script'],
];

/** Hosts added by many-hosts.zone. */
const MANY_HOSTS_ZONE: readonly Request[] = [
  ['https://platform.twitter.com/widgets.js', 'script'],
  ['https://abs.twimg.com/emoji/v2/svg/1f4f0.svg', 'image'],
  ['https://browser.sentry-cdn.com/8.42.0/bundle.tracing.min.js', 'script'],
  ['https://js-agent.newrelic.com/nr-spa-1.270.0.min.js', 'script'],
  ['https://player.vimeo.com/api/player.js', 'script'],
  ['https://assets.imgix.net/magazine/hero.jpg', 'image'],
  ['https://s.pinimg.com/ct/core.js', 'script'],
  ['https://www.paypal.com/sdk/js', 'script'],
  ['https://www.datadoghq-browser-agent.com/eu1/v5/datadog-rum.js', 'script'],
  ['https://js.driftt.com/include/1700000000/abc.js', 'script'],
  ['https://widget.trustpilot.com/bootstrap/v5/tp.widget.bootstrap.min.js', 'script'],
  ['https://cdn.heapanalytics.com/js/heap-123.js', 'script'],
  ['https://c.amazon-adsystem.com/aax2/apstag.js', 'script'],
  ['https://cdn.optimizely.com/js/123.js', 'script', true],
  ['https://cdn.branch.io/branch-latest.min.js', 'script'],
  ['https://js.stripe.com/v3/', 'script'],
  ['https://cdn.auth0.com/js/auth0-spa-js/2.1/auth0-spa-js.production.js', 'script'],
  ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'script'],
  ['https://analytics.tiktok.com/i18n/pixel/events.js', 'script'],
  ['https://use.typekit.net/abc1def.css', 'stylesheet', true],
  ['https://munchkin.marketo.net/munchkin.js', 'script'],
  ['https://sb.scorecardresearch.com/beacon.js', 'script'],
  ['https://cdn.taboola.com/libtrc/fixture-magazine/loader.js', 'script'],
  ['https://widgets.outbrain.com/outbrain.js', 'script'],
  ['https://static.zdassets.com/ekr/snippet.js', 'script'],
  ['https://client.crisp.chat/l.js', 'script'],
  ['https://embed.tawk.to/123/default', 'script'],
  ['https://kit.fontawesome.com/abc123.js', 'script', true],
  ['https://js.hsforms.net/forms/embed/v2.js', 'script'],
  ['https://js.hs-analytics.net/analytics/1700000000/4711.js', 'script'],
  ['https://static.klaviyo.com/onsite/js/klaviyo.js', 'script'],
  ['https://cdn.pendo.io/agent/static/abc/pendo.js', 'script'],
  ['https://edge.fullstory.com/s/fs.js', 'script'],
  ['https://sc-static.net/scevent.min.js', 'script'],
  ['https://static.doubleclick.net/instream/ad_status.js', 'script'],
  ['https://bat.bing.com/bat.js', 'script'],
  ['https://www.clarity.ms/tag/abc123', 'script'],
  ['https://cdn.matomo.cloud/fixturemagazine.matomo.cloud/matomo.js', 'script'],
  ['https://www.gravatar.com/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346', 'image'],
  ['https://mc.yandex.ru/metrika/tag.js', 'script'],
  ['https://hm.baidu.com/hm.js', 'script'],
  ['https://static.criteo.net/js/ld/publishertag.js', 'script'],
  ['https://secure.quantserve.com/quant.js', 'script'],
  ['https://cdn.polyfill.io/v3/polyfill.min.js', 'script', true],
  ['https://s7.addthis.com/js/300/addthis_widget.js', 'script'],
];

const MIME: Record<ChromeType, string> = {
  document: 'text/html',
  stylesheet: 'text/css',
  script: 'application/javascript',
  image: 'image/jpeg',
  font: 'font/woff2',
  xhr: 'application/json',
  fetch: 'application/json',
  ping: 'text/plain',
};

function entry([url, type, blocking]: Request, index: number) {
  const isDocument = index === 0;
  return {
    pageref: 'page_1',
    startedDateTime: new Date(Date.UTC(2026, 10, 26, 10, 0, 0, index * 25)).toISOString(),
    time: 40,
    _resourceType: type,
    _initiator: isDocument ? '' : HUNDRED_HOSTS_PAGE,
    _initiator_type: isDocument ? 'other' : 'parser',
    _priority: blocking || isDocument ? 'VeryHigh' : 'Low',
    _renderBlocking: blocking || isDocument ? 'blocking' : 'non_blocking',
    request: { method: 'GET', url, httpVersion: 'h2', headers: [], queryString: [], cookies: [] },
    response: {
      status: 200,
      httpVersion: 'h2',
      headers: [],
      cookies: [],
      content: { size: 1000, mimeType: MIME[type] },
      redirectURL: '',
    },
    timings: { send: 1, wait: 30, receive: 9 },
  };
}

/** Every request of the capture, the page's document first. */
export const HUNDRED_HOSTS_REQUESTS: readonly Request[] = [
  [HUNDRED_HOSTS_PAGE, 'document', true],
  ...FIRST_PARTY,
  ...ORIGINAL_ZONES,
  ...MANY_HOSTS_ZONE,
];

/** The HAR text, formatted as committed. */
export function hundredHostsHar(): string {
  const har = {
    log: {
      version: '1.2',
      creator: {
        name: 'chrome-har',
        version: '0.13.2',
        comment: 'generated by test/support/hundred-hosts-har.ts for test/e2e/deps-graph.test.ts',
      },
      pages: [
        {
          id: 'page_1',
          title: HUNDRED_HOSTS_PAGE,
          startedDateTime: '2026-11-26T10:00:00.000Z',
          pageTimings: { onContentLoad: 1800, onLoad: 4200 },
        },
      ],
      entries: HUNDRED_HOSTS_REQUESTS.map(entry),
    },
  };
  return `${JSON.stringify(har, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(HUNDRED_HOSTS_HAR_PATH, hundredHostsHar());
  console.log(`wrote ${HUNDRED_HOSTS_HAR_PATH} (${HUNDRED_HOSTS_REQUESTS.length} requests)`);
}
