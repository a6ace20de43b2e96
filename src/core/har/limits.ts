/**
 * Limits of HAR import, named in one place (docs/mapper.md explains them). The whole file is parsed in the
 * visitor's browser: these keep a hostile or accidental file from freezing the tab.
 */

/**
 * Largest HAR accepted, in bytes (checked on the File before reading and on the text after). A heavy
 * news page with bodies stripped is 2-5 MB (the expressen.se capture: 2.3 MB for three runs); DevTools
 * exports with bodies reach tens of MB. 50 MB still parses in about a second in a desktop browser.
 */
export const HAR_MAX_BYTES = 50 * 1024 * 1024;

/** Entries read from one HAR; the rest are ignored and the result says `truncated`. */
export const HAR_MAX_ENTRIES = 20_000;

/**
 * Distinct hosts kept in one map. Real pages contact 10-150 (theverge.com capture: 97); past this the
 * map is unreadable and resolving would take hundreds of /api/resolve calls.
 */
export const MAX_MAP_HOSTS = 400;

/** Characters of a request URL looked at: the host sits at the start; the rest of a huge URL is noise. */
export const HAR_MAX_URL_CHARS = 8_192;

/** Characters kept of free-text fields (creator name, MIME type). */
export const HAR_MAX_TEXT_CHARS = 100;

/**
 * Longest `_initiator_detail` (chrome-har's JSON copy of Chrome's initiator) parsed; a longer one is
 * ignored and the entry's plain `_initiator` URL used. Real ones are 0.1-4 KB (a stack of a few frames);
 * the whole file is already capped by HAR_MAX_BYTES, this keeps one entry from costing more than its share.
 */
export const HAR_MAX_INITIATOR_CHARS = 64 * 1024;

/** Parent (async) stacks followed to find an initiating script, as DevTools walks them. */
export const HAR_MAX_STACK_DEPTH = 8;

/** Call frames looked at per stack: what V8 captures for the inspector (V8StackTraceImpl::kDefaultMaxCallStackSizeToCapture, 200). */
export const HAR_MAX_STACK_FRAMES = 200;

/**
 * Characters of the page's own HTML read from a HAR for SRI facts (src/core/har/html-integrity.ts): the
 * scanner's page cap (MAX_PAGE_BYTES, 2 MiB), so a HAR and a scan of one page read as much of it.
 */
export const HAR_MAX_HTML_CHARS = 2 * 1024 * 1024;
