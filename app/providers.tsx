'use client';
/**
 * Client-side providers: the runtime configuration (rendered by the root layout at request time) and one
 * QueryClient per browser page load (created in state, so a re-render never replaces the cache).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ConfigProvider } from '@/lib/config/context';
import type { ClientConfig } from '@/lib/config/config';
import { makeQueryClient } from '@/lib/queries/query-client';

export function Providers({ config, children }: { config: ClientConfig; children: ReactNode }) {
  const [queryClient] = useState(() => makeQueryClient());
  return (
    <ConfigProvider config={config}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ConfigProvider>
  );
}
