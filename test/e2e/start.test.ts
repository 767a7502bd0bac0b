/**
 * The quick start, for real: `o2c start` on embedded defaults (Temporal dev server with UI,
 * SQLite, demo credit bureau) in a fresh data folder; an invoice registered over HTTP gets
 * its reminder; a customer goes from opportunity to invoice; Ctrl-C
 * stops everything; a second start finds the same dossier and message (nothing lost).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { addDays, dateInZone } from '../../domain/calendar';
import { eventually } from '../support/temporal';

const root = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Product {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function startProduct(env: Record<string, string>): Product {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/o2c.ts', 'start'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a failed test can stop it together with the dev server it started.
    detached: true,
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

describe('o2c start on embedded defaults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-e2e-'));
  let ports: { api: number; temporal: number; ui: number };
  let env: Record<string, string>;
  const running: Product[] = [];

  beforeAll(async () => {
    ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
    env = {
      O2C_DATA_DIR: dataDir,
      API_PORT: String(ports.api),
      TEMPORAL_DEV_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      LOG_FORMAT: 'json',
    };
  });
  afterAll(async () => {
    for (const product of running) {
      if (product.child.exitCode === null && product.child.pid) process.kill(-product.child.pid, 'SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (route: string, init?: { method: string; body: unknown }) =>
    fetch(`http://127.0.0.1:${ports.api}${route}`, {
      method: init?.method ?? 'GET',
      headers: init ? { 'content-type': 'application/json' } : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
    });

  async function startAndWait(): Promise<Product> {
    const product = startProduct(env);
    running.push(product);
    await eventually(async () => {
      if (product.child.exitCode !== null) throw new Error(`o2c start exited early:\n${product.output.join('')}`);
      const health = await api('/health');
      expect(health.status).toBe(200);
    }, 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n--- output ---\n${product.output.join('')}`);
    });
    return product;
  }

  async function stop(product: Product): Promise<void> {
    product.child.kill('SIGINT');
    const code = await Promise.race([product.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000).unref())]);
    expect(code).toBe(0);
    expect(product.output.join('')).toContain('stopped cleanly');
    // The dev server went down with it.
    expect(await portOpen(ports.temporal)).toBe(false);
    expect(await portOpen(ports.api)).toBe(false);
  }

  it('serves the API and the Temporal UI, sends a reminder, and stops cleanly on Ctrl-C', async () => {
    const product = await startAndWait();
    const ui = await fetch(`http://127.0.0.1:${ports.ui}/`);
    expect(ui.status).toBe(200);

    const today = dateInZone(Date.now(), 'Europe/Brussels');
    const customer = await api('/customers', {
      method: 'POST',
      body: { id: 'E2E-1', name: 'Evenementen CV', email: 'finance@events.example', language: 'en', kind: 'B2B' },
    });
    expect(customer.status).toBe(201);
    const invoice = await api('/invoices', {
      method: 'POST',
      body: { number: 'E2E-F-1', customerId: 'E2E-1', issueDate: addDays(today, -35), dueDate: addDays(today, -10), amountCents: 99_900 },
    });
    expect(invoice.status).toBe(201);
    const dossier = await eventually(async () => {
      const body = (await (await api('/dossiers/E2E-1')).json()) as { messages: Array<{ subject: string }> };
      expect(body.messages).toHaveLength(1);
      return body;
    }, 30_000);
    expect(dossier.messages[0]!.subject).toBe('Reminder: 1 open invoice(s) (€999.00)');

    // The front half on the demo credit bureau that `o2c start` runs without CREDIT_DATA_BASE_URL.
    expect(product.output.join('')).toContain('CREDIT_DATA_BASE_URL is not set');
    const post = async (route: string, body: unknown, status = 201) => {
      const response = await api(route, { method: 'POST', body });
      const json = (await response.json()) as Record<string, unknown>;
      expect({ route, status: response.status, json }).toMatchObject({ status });
      return json;
    };
    await post('/customers', { id: 'E2E-2', name: 'Bouwgroep Scheldeland NV', email: 'ap@scheldeland.example', language: 'nl', kind: 'B2B', enterpriseNumber: '0456.789.133', vatNumber: 'BE0456789133' });
    expect(await post('/opportunities', { id: 'E2E-OPP', customerId: 'E2E-2', description: 'racking', requestedExposureCents: 50_000_00, requestedBy: 'sales' }))
      .toMatchObject({ stage: 'decided', decision: { outcome: 'accept' }, report: { score: 85 } });
    await post('/contracts', { id: 'E2E-K', customerId: 'E2E-2', opportunityId: 'E2E-OPP', paymentTermDays: 30, startsOn: today, signedBy: 'sales' });
    await post('/orders', { id: 'E2E-ORD', customerId: 'E2E-2', contractId: 'E2E-K', placedBy: 'erp', lines: [{ description: 'Racking', quantity: 4, unitPriceCents: 1_250_00, vatCategory: 'S', vatRateBasisPoints: 2100 }] });
    await post('/orders/E2E-ORD/delivery', { performanceDate: today, actor: 'warehouse' }, 200);
    const invoiced = await eventually(async () => {
      const order = (await (await api('/orders/E2E-ORD')).json()) as { stage: string; invoices: Array<{ number: string; totalCents: number }> };
      expect(order.stage).toBe('invoiced');
      return order;
    }, 30_000);
    expect(invoiced.invoices[0]).toMatchObject({ totalCents: 6_050_00 });
    const issued = (await (await api(`/invoices/${invoiced.invoices[0]!.number}`)).json()) as { structuredReference: string; channel: string };
    expect(issued).toMatchObject({ structuredReference: expect.stringMatching(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/), channel: 'peppol' });
    await stop(product);
  });

  it('finds the same dossier and message after a restart: nothing is lost, nothing is sent again', async () => {
    const product = await startAndWait();
    const body = (await (await api('/dossiers/E2E-1')).json()) as {
      live: { messagesSent: number; invoices: Array<{ number: string; level: string; nextStepCode: string }> };
      messages: unknown[];
    };
    expect(body.live.messagesSent).toBe(1);
    expect(body.live.invoices).toEqual([expect.objectContaining({ number: 'E2E-F-1', level: 'R1', nextStepCode: 'R2' })]);
    expect(body.messages).toHaveLength(1);
    expect(product.output.join('')).not.toContain('database migration');
    await stop(product);
  });
});
