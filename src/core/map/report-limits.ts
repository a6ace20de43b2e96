/** Limits of saved reports (POST /api/reports), named in one place; docs/mapper.md explains them. */
import { MAX_MAP_HOSTS } from '../har/limits.ts';

/**
 * Largest report body accepted, in bytes. A 100-host map with 400 resources is about 150 KB of JSON;
 * KV values may be 25 MiB, but a permalink is for sharing a view, not for archiving HARs.
 */
export const MAX_REPORT_BYTES = 512 * 1024;

/** How long a saved report lives (KV expirationTtl): long enough for an incident review, then gone. */
export const REPORT_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Hosts and resources in one report; the map itself never produces more hosts than MAX_MAP_HOSTS. */
export const MAX_REPORT_HOSTS = MAX_MAP_HOSTS;
export const MAX_REPORT_RESOURCES = 5_000;

/** Random bytes in a report id: 128 bits, unguessable (same strength as a v4 UUID's 122). */
export const REPORT_ID_BYTES = 16;

/** A report id: REPORT_ID_BYTES as unpadded base64url, 22 characters. */
export const REPORT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Bound on free-text fields (names, messages, evidence) in a report. */
export const MAX_REPORT_TEXT = 500;

/** Addresses, CNAMEs, name servers, providers and errors listed per host. */
export const MAX_REPORT_LIST = 64;

/**
 * Refused requests kept per report (a rendered scan's `blocked`, distinct targets). A page aiming at
 * private addresses by a handful of routes names a few dozen; a page looping requests could name
 * thousands, and the list is there to say that it happened, not to archive every attempt.
 */
export const MAX_REPORT_BLOCKED = 100;

/**
 * Longest `integrity` attribute a report keeps: three sha512 digests (88 characters each) with options fit.
 * Longer values are reduced to their usable hashes (src/core/risk/sri.ts compactIntegrity).
 */
export const MAX_REPORT_INTEGRITY = 400;
