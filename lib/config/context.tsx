'use client';
/**
 * The client-safe configuration, rendered by the root layout (a Server Component) at request time and handed to
 * client code through React context — so the same build serves any hospital's settings.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ClientConfig } from './config';

const ConfigContext = createContext<ClientConfig | null>(null);

export function ConfigProvider({ config, children }: { config: ClientConfig; children: ReactNode }) {
  return <ConfigContext.Provider value={config}>{children}</ConfigContext.Provider>;
}

/** The runtime configuration. Throws when used outside the provider (a wiring bug, not a user error). */
export function useClientConfig(): ClientConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useClientConfig must be used inside <ConfigProvider> (app/providers.tsx)');
  return config;
}
