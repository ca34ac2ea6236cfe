/**
 * English wording for zod's issues, passed to `safeParse`/`parse` where a person reads the result: an integrator's
 * `NOCTURNE_LOCAL_CODES` problems, a reviewed value set that fails the build, a form file the CLI refuses.
 *
 * Why explicit: everything the browser loads validates with `zod/mini` (classic zod is ≈ 50 kB more script in the
 * workspace, issue 13; eslint.config.mjs), and `zod/mini` ships without a locale: its issues would read only "Invalid
 * input". Passing the English map to the parse that needs it keeps those messages as classic zod words them,
 * without depending on which other module happened to configure zod first.
 */
import en from 'zod/v4/locales/en.js';

export const ENGLISH_ISSUES = { error: en().localeError } as const;
