/**
 * Connection settings for Temporal, shared by the client (API) and the worker:
 * the embedded dev server, a self-hosted cluster (optionally mTLS) or Temporal Cloud (API key).
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TLSConfig } from '@temporalio/client';
import type { AppConfig } from '../config';

export interface TemporalEndpoint {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** Where to connect: the dev server's address when embedded, else the configured cluster. */
export function temporalEndpoint(config: AppConfig['temporal'], embeddedAddress?: string): TemporalEndpoint {
  const server = config.server;
  if (server.kind === 'embedded') {
    if (!embeddedAddress) throw new Error('The embedded Temporal dev server is not running');
    return { address: embeddedAddress };
  }
  if (!server.tls) return { address: server.address, apiKey: server.apiKey };
  const { clientCertPath, clientKeyPath, serverName } = server.tls;
  const tls: TLSConfig = {
    serverNameOverride: serverName,
    clientCertPair:
      clientCertPath && clientKeyPath
        ? { crt: fs.readFileSync(clientCertPath), key: fs.readFileSync(clientKeyPath) }
        : undefined,
  };
  return { address: server.address, tls, apiKey: server.apiKey };
}

export async function connectClient(endpoint: TemporalEndpoint, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ address: endpoint.address, tls: endpoint.tls, apiKey: endpoint.apiKey });
  return new Client({ connection, namespace });
}

export function connectWorker(endpoint: TemporalEndpoint): Promise<NativeConnection> {
  return NativeConnection.connect({ address: endpoint.address, tls: endpoint.tls, apiKey: endpoint.apiKey });
}
