/**
 * The body of POST /api/resolve. Host strings are only type-checked here: a host that is not a valid
 * name is reported per host (`invalid_host`), so one bad entry never rejects the batch. The count limit
 * is checked separately so it gets its own status and code (413 too_many_hosts).
 */
import { z } from 'zod';
import { MAX_HOSTNAME_LENGTH, MAX_PAGE_URL_LENGTH } from '../dns/limits.ts';

/** Characters of one host entry: a 253-character name written as IDN can be longer in Unicode; 4x is generous. */
export const MAX_HOST_INPUT_LENGTH = MAX_HOSTNAME_LENGTH * 4;

export const resolveRequestSchema = z.strictObject({
  hosts: z.array(z.string().min(1).max(MAX_HOST_INPUT_LENGTH)).min(1, 'Send at least one host.'),
  page: z
    .string()
    .max(MAX_PAGE_URL_LENGTH)
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'page must be an http(s) URL.')
    .nullish()
    .transform((value) => value ?? null),
});

export type ResolveRequestInput = z.input<typeof resolveRequestSchema>;
export type ResolveRequest = z.output<typeof resolveRequestSchema>;
