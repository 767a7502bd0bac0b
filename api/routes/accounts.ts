import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccountProjection } from '../../db/entities';
import { calendarDate } from '../../domain/calendar';
import type { RouteOptions } from '../dependencies';
import { ErrorResponse, IsoDate, Nullable } from '../schemas';

const AccountRow = Type.Object({
  customerId: Type.String(),
  creditLimitCents: Nullable(Type.Integer()),
  exposureCents: Type.Integer(),
  /** Exposure as a share of the limit; null without a limit. */
  utilisationPercent: Nullable(Type.Number({ description: 'Exposure as a percentage of the credit limit' })),
  openOrders: Type.Integer(),
  insuredLimitCents: Nullable(Type.Integer()),
  insuranceWithdrawn: Type.Boolean(),
  score: Nullable(Type.Integer()),
  nextReviewOn: Type.String(),
  reviewTaskOpen: Type.Boolean(),
  lastDecision: Nullable(Type.String()),
});

const utilisation = (row: AccountProjection) =>
  row.creditLimitCents === null || row.creditLimitCents === 0 ? null : Math.round((row.exposureCents / row.creditLimitCents) * 1000) / 10;

/** The portfolio as credit management watches it: who is near or over the limit, whose review is due. */
export const accountRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/accounts',
    {
      schema: {
        summary: 'The credit portfolio: accounts by utilisation of their limit, with filters',
        description: 'Read from the stored account rows (each account writes its own when it changes); a single live account is GET /customers/{id}/account.',
        tags: ['customers'],
        querystring: Type.Object(
          {
            overLimit: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'only accounts whose exposure is above the credit or insured limit, or with cover withdrawn' })),
            reviewDueBy: Type.Optional(IsoDate),
            reviewTask: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'only accounts with an open review task' })),
            limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', default: '100' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AccountRow), 400: ErrorResponse },
      },
    },
    async (request) => {
      const { overLimit, reviewDueBy, reviewTask, limit } = request.query;
      const rows = await deps.orm.em.fork().find(AccountProjection, {
        ...(reviewDueBy ? { nextReviewOn: { $lte: calendarDate(reviewDueBy) } } : {}),
        ...(reviewTask === 'true' ? { reviewTaskOpen: true } : {}),
      });
      const over = (row: AccountProjection) =>
        row.insuranceWithdrawn ||
        (row.creditLimitCents !== null && row.exposureCents > row.creditLimitCents) ||
        (row.insuredLimitCents !== null && row.exposureCents > row.insuredLimitCents);
      return rows
        .filter((row) => overLimit !== 'true' || over(row))
        .map((row) => ({ ...row, utilisationPercent: utilisation(row) }))
        .sort((a, b) => (b.utilisationPercent ?? -1) - (a.utilisationPercent ?? -1) || b.exposureCents - a.exposureCents)
        .slice(0, Number(limit ?? 100))
        .map(({ updatedAt: _updatedAt, revision: _revision, ...row }) => row);
    },
  );
};
