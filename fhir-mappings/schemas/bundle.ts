import { z } from 'zod';

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
  type: z.string().optional(),
  entry: z.array(z.unknown()).optional(),
});
export type Bundle = z.infer<typeof bundleSchema>;

export const bundleEntrySchema = z.looseObject({
  fullUrl: z.string().optional(),
  resource: z.unknown().optional(),
  search: z.looseObject({ mode: z.string().optional() }).optional().catch(undefined),
  response: z.looseObject({ status: z.string().optional() }).optional().catch(undefined),
});
