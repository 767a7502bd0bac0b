import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildApi } from '../../api/app';
import { openTestDatabase, type TestDatabase } from '../support/databases';
import { TEST_CREDITOR, timeSkippingEnvironment } from '../support/temporal';

describe('HTTP API', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let api: FastifyInstance;

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    db = await openTestDatabase('sqlite');
    api = await buildApi({ orm: db.orm, temporal: env.client, taskQueue: 'api-test', creditor: TEST_CREDITOR, defaultTimeZone: 'Europe/Brussels' });
    await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
    await env?.teardown();
  });

  const postInvoice = (payload: Record<string, unknown>) => api.inject({ method: 'POST', url: '/invoices', payload });
  const validInvoice = { number: 'F-1', customerId: 'C-1', issueDate: '2026-03-01', dueDate: '2026-03-31', amountCents: 1000 };

  it('names every wrong field of a request at once, unknown fields included', async () => {
    const response = await postInvoice({ ...validInvoice, amountCents: 12.5, dueDate: '2026-02-30', discount: 5 });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('ValidationFailed');
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { field: '(body)', problem: 'unknown field "discount"' },
        { field: 'dueDate', problem: 'must match format "date"' },
        { field: 'amountCents', problem: 'must be integer' },
      ]),
    );
  });

  it('does not turn a number in a string into a number', async () => {
    const response = await postInvoice({ ...validInvoice, amountCents: '1000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([{ field: 'amountCents', problem: 'must be integer' }]);
  });

  it('refuses a due date before the issue date, and an unknown customer, saying what to do', async () => {
    const early = await postInvoice({ ...validInvoice, dueDate: '2026-02-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().fields).toEqual([{ field: 'dueDate', problem: '2026-02-01 is before the issue date 2026-03-01' }]);
    const stranger = await postInvoice({ ...validInvoice, customerId: 'C-404' });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().message).toBe('customerId: no customer C-404; register it first with POST /customers');
  });

  it('assigns a segment to a new customer and says why', async () => {
    const response = await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-312', name: 'Groot NV', email: 'ap@groot.example', language: 'nl', kind: 'B2B', revenueRank: 312, riskClass: 'low' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ segment: 'top-400', segmentExplanation: 'Top 400: rank 312 by 12-month revenue' });
    const override = await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-OV', name: 'Ref BV', email: 'ap@ref.example', language: 'nl', kind: 'B2B', segmentOverride: { segment: 'top-400', reason: ' ', actor: 'anna' } },
    });
    expect(override.statusCode).toBe(422);
    expect(override.json().fields[0].field).toBe('override.reason');
  });

  it('registers a customer once: the same body again is 200, other data is a conflict', async () => {
    const again = await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-1', name: 'Bouw NV', email: 'ap@bouw.example', language: 'nl', kind: 'B2B' },
    });
    expect(again.statusCode).toBe(200);
    const other = await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-1', name: 'Bouw NV', email: 'other@bouw.example', language: 'nl', kind: 'B2B' },
    });
    expect(other.statusCode).toBe(409);
    const zone = await api.inject({
      method: 'POST',
      url: '/customers',
      payload: { id: 'C-2', name: 'X', email: 'x@x.example', language: 'nl', kind: 'B2C', timeZone: 'Europe/Gent' },
    });
    expect(zone.statusCode).toBe(422);
    expect(zone.json().fields[0].field).toBe('timeZone');
  });

  it('answers unknown routes and unknown dossiers with 404 and a hint', async () => {
    const route = await api.inject({ method: 'GET', url: '/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().message).toContain('see GET /docs');
    const dossier = await api.inject({ method: 'GET', url: '/dossiers/C-1' });
    expect(dossier.statusCode).toBe(404);
  });

  it('publishes its OpenAPI description with request and response schemas', async () => {
    const response = await api.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/customers', '/customers/{id}', '/invoices', '/dossiers/{customerId}', '/dossiers/{customerId}/payments', '/health']),
    );
    expect(Object.keys(spec.paths['/invoices'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '422']));
  });

  it('reports health, and hides internals behind a request id when something breaks', async () => {
    const health = await api.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });

    const broken = await openTestDatabase('sqlite');
    const brokenApi = await buildApi({ orm: broken.orm, temporal: env.client, taskQueue: 'api-test', creditor: TEST_CREDITOR, defaultTimeZone: 'Europe/Brussels' });
    await broken.orm.close(true);
    const response = await brokenApi.inject({ method: 'GET', url: '/customers/C-1' });
    expect(response.statusCode).toBe(500);
    expect(response.json().message).toMatch(/^Something went wrong on our side; the details are in the server log under request id req-\w+/);
    expect(response.body).not.toMatch(/sqlite|stack|at \w+ \(/i);
    await brokenApi.close();
    await broken.scratch.drop();
  });
});
