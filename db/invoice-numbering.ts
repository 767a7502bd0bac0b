/**
 * Issues invoices and credit notes with gapless numbers.
 *
 * Why gapless: Belgian VAT (royal decree no. 1 under the VAT code, after art. 226 of the
 * EU VAT directive) wants every invoice to carry a sequential number; in Belgium that is
 * one continuous sequence per series (invoices, credit notes), usually restarting each
 * year. A missing number has to be explained to the tax inspector, so a number is only
 * ever used by an invoice that is stored: the number is taken and the invoice inserted
 * in the same transaction, and anything that fails rolls both back.
 *
 * How: invoice_sequence holds the last number per (series, year). The one statement
 * `insert … on conflict do update set last_number = last_number + 1 returning last_number`
 * creates the row for a new year or bumps it, on both dialects. On PostgreSQL it
 * row-locks the sequence until commit, so concurrent issuers of the same series and year
 * queue there and each sees the number the one before it committed (or, after a
 * rollback, the same number again). On SQLite the statement makes the transaction the
 * single writer of the database, which serialises issuers just the same. Because it is
 * the first statement of the transaction, SQLite never has to upgrade a read transaction
 * to a write one (which can fail with SQLITE_BUSY between processes sharing the file).
 */
import { UniqueConstraintViolationException, type EntityManager, type MikroORM, type RequiredEntityData } from '@mikro-orm/core';
import { Invoice, type InvoiceKind } from './entities';

/** The numbering series; an invoice's `kind` follows its series. */
export type InvoiceSeries = InvoiceKind;

/** What `build` returns: the invoice without the fields the numbering sets itself. */
export type NumberedInvoiceData = Omit<RequiredEntityData<Invoice>, 'kind' | 'series' | 'year' | 'sequence' | 'idempotencyKey'>;

export interface NumberedInvoiceRequest {
  series: InvoiceSeries;
  year: number;
  /** Made by the caller (a workflow) so that a retry finds the invoice instead of issuing another. */
  idempotencyKey: string;
  /**
   * Makes the invoice from its sequence number, inside the transaction (so keep it pure and
   * quick: the sequence stays locked meanwhile). Give the customer as its id or a reference.
   * If it throws, nothing is stored and the number is not used.
   */
  build: (sequence: number) => NumberedInvoiceData;
}

export interface IssuedInvoice {
  invoice: Invoice;
  /** False when an invoice with this idempotency key existed already. */
  created: boolean;
}

/** Thrown inside the transaction to roll back the number taken when the key turns out to be issued. */
class AlreadyIssued extends Error {
  constructor(readonly invoice: Invoice) {
    super(`invoice ${invoice.number} was already issued for this idempotency key`);
  }
}

const NEXT_NUMBER_SQL = `insert into invoice_sequence (series, "year", last_number) values (?, ?, 1)
  on conflict (series, "year") do update set last_number = invoice_sequence.last_number + 1
  returning last_number`;

async function takeNextNumber(em: EntityManager, series: InvoiceSeries, year: number): Promise<number> {
  const rows = (await em.getConnection().execute(NEXT_NUMBER_SQL, [series, year], 'all', em.getTransactionContext())) as { last_number: number | string }[];
  const lastNumber = Number(rows[0]?.last_number);
  if (!Number.isSafeInteger(lastNumber) || lastNumber < 1) throw new Error(`invoice_sequence returned no number for ${series} ${year}`);
  return lastNumber;
}

function findByKey(em: EntityManager, idempotencyKey: string): Promise<Invoice | null> {
  return em.findOne(Invoice, { idempotencyKey });
}

/**
 * Issues the invoice for `idempotencyKey` once: returns the stored one when it exists,
 * otherwise numbers, builds and inserts it in one transaction.
 */
export async function issueNumberedInvoice(orm: MikroORM, request: NumberedInvoiceRequest): Promise<IssuedInvoice> {
  const { series, year, idempotencyKey, build } = request;
  try {
    return await orm.em.fork().transactional(async (em) => {
      // The lock first (see above); then, holding it, whether this key was issued already.
      const sequence = await takeNextNumber(em, series, year);
      const existing = await findByKey(em, idempotencyKey);
      if (existing) throw new AlreadyIssued(existing);
      const invoice = em.create(Invoice, { ...build(sequence), kind: series, series, year, sequence, idempotencyKey });
      await em.flush();
      return { invoice, created: true };
    });
  } catch (error) {
    if (error instanceof AlreadyIssued) return { invoice: error.invoice, created: false };
    // A concurrent issuer with the same key (in another series or year, so not queued on
    // our lock) committed first: ours rolled back, so its invoice is the answer.
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await findByKey(orm.em.fork(), idempotencyKey);
      if (winner) return { invoice: winner, created: false };
    }
    throw error;
  }
}
