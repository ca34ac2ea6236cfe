import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { toClientConfig } from '@/lib/config/config';
import { getServerConfig } from '@/lib/config/server';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Nocturne — nocturnal leg pain assessment',
  description: 'Decision support for leg pain that starts or worsens when lying down',
  referrer: 'no-referrer',
};

/**
 * zod without its JIT, in the browser: zod 4 compiles object parsers with `new Function` and probes for it with
 * `Function("")` when the first object schema is created — which the CSP (`script-src` without 'unsafe-eval') blocks
 * and reports as a violation on every load (issue 10 item 4). zod reads its global configuration from
 * `globalThis.__zod_globalConfig` (what `z.config()` writes to); setting it here, in the first script of the page,
 * is before any chunk can create a schema — no import order to get right. The parsers stay the same, only slower by a
 * margin that does not show at the app's data sizes.
 */
const ZOD_JITLESS = 'globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});';

/**
 * Rendered per request (never prerendered): the runtime configuration is read from the server's environment
 * now, not at build time, and the per-request CSP nonce can be applied to Next.js's scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const result = getServerConfig();
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
      </head>
      <body>
        {result.ok ? (
          <Providers config={toClientConfig(result.config)}>{children}</Providers>
        ) : (
          <main className="config-error">
            <h1>Nocturne is not configured correctly</h1>
            <p>The server&apos;s settings have problems, so Nocturne cannot start safely:</p>
            <ul>
              {result.problems.map((p) => (
                <li key={`${p.variable}:${p.message}`}>
                  <code>{p.variable}</code>: {p.message}
                </li>
              ))}
            </ul>
            <p>
              Ask the team that installed Nocturne to fix these settings (see the README, “Configuration and real
              EHRs”).
            </p>
          </main>
        )}
      </body>
    </html>
  );
}
