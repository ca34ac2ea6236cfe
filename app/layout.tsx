import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { toClientConfig } from '@/lib/config/config';
import { getServerConfig } from '@/lib/config/server';
import { Providers } from './providers';
import './globals.css';
import './note-print.css';

export const metadata: Metadata = {
  title: 'Nocturne — nocturnal leg pain assessment',
  description: 'Decision support for leg pain that starts or worsens when lying down',
  referrer: 'no-referrer',
};

/**
 * Rendered per request (never prerendered): the runtime configuration is read from the server's environment
 * now, not at build time, and the per-request CSP nonce can be applied to Next.js's scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const result = getServerConfig();
  return (
    <html lang="en">
      <body>
        {result.ok ? (
          <Providers config={toClientConfig(result.config)}>{children}</Providers>
        ) : (
          <main className="config-error">
            <h1>Nocturne is not configured correctly</h1>
            <p>The server&apos;s settings have problems, so Nocturne cannot start safely:</p>
            <ul>
              {result.problems.map((p) => (
                <li key={`${p.subject}:${p.message}`}>
                  <code>{p.subject}</code>: {p.message}
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
