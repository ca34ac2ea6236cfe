/**
 * The form as JSON Schema, for integrators and the CLI's `--form-schema`; describes today's shape.
 *
 * Why a module of its own: zod's JSON Schema generator is ≈ 20 kB of minified script that no page uses. Kept out of
 * `schema.ts`, which the workspace loads on every launch (issue 13), it is only in the CLI.
 */
import { z } from 'zod/mini';
import { formObjectSchema } from './schema';

export function formJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(formObjectSchema, { target: 'draft-2020-12' });
}
