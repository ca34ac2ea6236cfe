import { z } from 'zod/mini';

/** The Bundle types Nocturne reads: search results, collections, and transaction/batch requests and responses. */
export const BUNDLE_TYPES = [
  'searchset',
  'collection',
  'transaction',
  'transaction-response',
  'batch',
  'batch-response',
  'document',
  'history',
  'message',
] as const;

/** Bundle envelope only: entries are checked one by one so one bad entry never loses the others. */
export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.optional(z.string()),
  entry: z.optional(z.array(z.unknown())),
});
export type Bundle = z.infer<typeof bundleSchema>;

export const bundleEntrySchema = z.looseObject({
  fullUrl: z.optional(z.string()),
  resource: z.optional(z.unknown()),
  search: z.catch(z.optional(z.looseObject({ mode: z.optional(z.string()) })), undefined),
  response: z.catch(z.optional(z.looseObject({ status: z.optional(z.string()) })), undefined),
});
