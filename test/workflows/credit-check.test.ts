/**
 * The credit check at the opportunity on the time-skipping server: the fake bureau's
 * reports, the acceptance policy, referrals decided by a person or running out of time,
 * and the decision recorded with its facts, figures and feeling.
 */
import { accountView, openOpportunity, opportunityHandle, signContract } from '../../api/sales-gateway';
import { updateWorkflow } from '../../api/workflow-gateway';
import { ACCEPTANCE_POLICY_V1, withOperatorPolicies } from '../../domain/credit/policies';
import { CreditDecisionRecord, HumanTaskRecord } from '../../db/entities';
import * as opportunity from '../../workflows/opportunity/contract';
import { eventually, recordHistory } from '../support/temporal';
import { companyProfile, enterpriseNumber, startSalesHarness, type SalesHarness } from '../support/sales-harness';

const DAY = 86_400_000;
let h: SalesHarness;

beforeAll(async () => {
  h = await startSalesHarness('credit-check-test');
}, 120_000);
afterAll(() => h?.close());

const open = (id: string, customerId: string, requestedExposureCents: number, requestedPaymentTermDays?: number) =>
  openOpportunity(h.deps, { id, customerId, description: `opportunity ${id}`, requestedExposureCents, requestedBy: 'sales:an', ...(requestedPaymentTermDays === undefined ? {} : { requestedPaymentTermDays }) });
const decisionRow = (opportunityId: string) => h.db.orm.em.fork().findOneOrFail(CreditDecisionRecord, { opportunityId });

describe('the credit check at the opportunity', () => {
  it('accepts a healthy company within its advised limit and grants the limit to the account', async () => {
    await h.customer('ACC', 'B2B', '0456789133');
    const { view } = await open('OPP-ACC', 'ACC', 120_000_00);
    expect(view.stage).toBe('decided');
    expect(view.decision).toMatchObject({ outcome: 'accept', referred: false, creditLimitCents: 500_000_00 });
    expect(view.report).toMatchObject({ score: 85, companyName: 'Bouwgroep Scheldeland NV', group: { members: 6 } });
    const row = await eventually(() => decisionRow('OPP-ACC'));
    expect(row).toMatchObject({ outcome: 'accept', policyId: 'acceptance', policyVersion: 1, decidedBy: 'policy acceptance@v1' });
    expect(row.report).toMatchObject({ enterpriseNumber: '0456789133', score: 85 });
    const account = await eventually(async () => {
      const live = await accountView(h.deps, 'ACC');
      expect(live.creditLimitCents).toBe(500_000_00);
      return live;
    });
    expect(account.scores.at(-1)).toMatchObject({ score: 85 });
    expect(account.review.intervalMonths).toBe(12);
  });

  it('refuses a bankrupt company, and a contract on that opportunity is refused naming the opportunity', async () => {
    await h.customer('BKR', 'B2B', '0883751261');
    const { view } = await open('OPP-BKR', 'BKR', 10_000_00);
    expect(view.decision).toMatchObject({ outcome: 'refuse', creditLimitCents: null });
    expect(view.proposal!.reasons[0]).toMatchObject({ rule: 'refusing-event' });
    await eventually(async () => expect(await decisionRow('OPP-BKR')).toMatchObject({ outcome: 'refuse' }));
    await expect(
      signContract(h.deps, { id: 'K-BKR', customerId: 'BKR', opportunityId: 'OPP-BKR', startsOn: await h.today(), signedBy: 'sales:an' }),
    ).rejects.toMatchObject({ statusCode: 422, fields: [{ field: 'opportunityId' }] });
  });

  it('accepts above the advised limit only with a guarantee for the excess, and the contract must carry it', async () => {
    await h.customer('GAR', 'B2B', '0812345603');
    const { view } = await open('OPP-GAR', 'GAR', 100_000_00);
    expect(view.decision).toMatchObject({ outcome: 'conditions', conditions: [{ kind: 'guarantee', amountCents: 25_000_00 }] });
    await eventually(() => decisionRow('OPP-GAR'));
    const startsOn = await h.today();
    await expect(
      signContract(h.deps, { id: 'K-GAR-1', customerId: 'GAR', opportunityId: 'OPP-GAR', startsOn, signedBy: 'sales:an', guarantee: { amountCents: 10_000_00, detail: 'parent surety' } }),
    ).rejects.toMatchObject({ statusCode: 422, fields: [{ field: 'guarantee.amountCents' }] });
    const { contract } = await signContract(h.deps, { id: 'K-GAR-2', customerId: 'GAR', opportunityId: 'OPP-GAR', startsOn, signedBy: 'sales:an', paymentTermDays: 45 });
    expect(contract).toMatchObject({ paymentTermDays: 45, guarantee: { amountCents: 25_000_00 } });
  });

  it('asks for full advance payment from a weak company, carried into the contract', async () => {
    const number = enterpriseNumber(71_000_001);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 22, creditLimit: '5000.00' }));
    await h.customer('ADV', 'B2B', number);
    const { view } = await open('OPP-ADV', 'ADV', 3_000_00);
    expect(view.decision).toMatchObject({ outcome: 'conditions', conditions: [{ kind: 'advance-payment', percent: 100 }] });
    await eventually(() => decisionRow('OPP-ADV'));
    const { contract } = await signContract(h.deps, { id: 'K-ADV', customerId: 'ADV', opportunityId: 'OPP-ADV', startsOn: await h.today(), signedBy: 'sales:an' });
    expect(contract.advancePaymentPercent).toBe(100);
  });

  it('refers a grey-zone company to credit staff, who decide with their judgement; sales can add information meanwhile', async () => {
    await h.customer('REF', 'B2B', '0634521738');
    const { view } = await open('OPP-REF', 'REF', 10_000_00);
    expect(view.stage).toBe('referred');
    expect(view.proposal!.reasons.map((reason) => reason.rule)).toContain('score');
    const task = await eventually(async () => (await h.db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id: 'opportunity:OPP-REF/referral' })));
    expect(task).toMatchObject({ kind: 'credit-referral', pool: 'credit', status: 'open' });

    const handle = opportunityHandle(h.deps, 'OPP-REF');
    await handle.executeUpdate(opportunity.addSalesInformationUpdate, { args: [{ actor: 'sales:an', information: 'new management since spring; pays our competitor on time' }] });
    await expect(updateWorkflow(handle, 'the referral', opportunity.decideReferralUpdate, { outcome: 'accept', feeling: ' ', actor: 'credit:els', reason: 'x' }))
      .rejects.toMatchObject({ statusCode: 422, fields: [{ field: 'feeling' }] });
    const decided = await handle.executeUpdate(opportunity.decideReferralUpdate, {
      args: [{
        outcome: 'conditions', conditions: [{ kind: 'advance-payment', percent: 30, detail: '30 % before delivery' }], creditLimitCents: 8_000_00,
        feeling: 'sales knows the new manager well; first orders small', actor: 'credit:els', reason: 'grey zone, good references',
      }],
    });
    expect(decided.salesInformation).toHaveLength(1);
    const row = await eventually(() => decisionRow('OPP-REF'));
    expect(row).toMatchObject({ outcome: 'conditions', referred: true, decidedBy: 'credit:els', feeling: 'sales knows the new manager well; first orders small', creditLimitCents: 8_000_00 });
    await eventually(async () => expect((await h.db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id: task.id })).status).toBe('done'));
    await eventually(async () => expect((await accountView(h.deps, 'REF')).creditLimitCents).toBe(8_000_00));
    await handle.result();
    await recordHistory('credit-check-referral-decided', handle);
  });

  it('escalates a referral nobody decides within two days, and after three more applies the policy\'s fallback: full advance payment', async () => {
    const number = enterpriseNumber(71_000_002);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 42 }));
    await h.customer('EXP', 'B2B', number);
    const { view } = await open('OPP-EXP', 'EXP', 10_000_00);
    expect(view.stage).toBe('referred');
    const taskId = 'opportunity:OPP-EXP/referral';
    await h.env.sleep(2 * DAY + 60_000);
    await eventually(async () => expect((await h.db.orm.em.fork().findOneOrFail(HumanTaskRecord, { id: taskId })).status).toBe('escalated'));
    await h.env.sleep(3 * DAY + 60_000);
    const final = await opportunityHandle(h.deps, 'OPP-EXP').result();
    expect(final.decision).toMatchObject({ outcome: 'conditions', expired: true, conditions: [{ kind: 'advance-payment', percent: 100 }] });
    expect(await decisionRow('OPP-EXP')).toMatchObject({ outcome: 'conditions', referred: true, feeling: null });
    await recordHistory('credit-check-referral-expired', opportunityHandle(h.deps, 'OPP-EXP'));
  });

  it('keeps an existing limit when a later opportunity is refused, and asks credit staff to review it', async () => {
    const number = enterpriseNumber(71_000_003);
    h.bureau.setCompany(number, companyProfile(await h.today()));
    await h.customer('LTR', 'B2B', number);
    await open('OPP-LTR-1', 'LTR', 20_000_00);
    await eventually(async () => expect((await accountView(h.deps, 'LTR')).creditLimitCents).toBe(100_000_00));
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 10, creditLimit: null }));
    const { view } = await open('OPP-LTR-2', 'LTR', 5_000_00);
    expect(view.decision?.outcome).toBe('refuse');
    const account = await eventually(async () => {
      const live = await accountView(h.deps, 'LTR');
      expect(live.reviewTask).not.toBeNull();
      return live;
    });
    expect(account.creditLimitCents).toBe(100_000_00);
    expect(account.reviewTask!.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/OPP-LTR-2 was refused/)]));
  });

  it('grants a shorter payment term than sales asked when the score does not carry it, and the contract keeps to it', async () => {
    const number = enterpriseNumber(71_000_004);
    h.bureau.setCompany(number, companyProfile(await h.today(), { score: 55 }));
    await h.customer('TRM', 'B2B', number);
    const { view } = await open('OPP-TRM', 'TRM', 8_000_00, 45);
    expect(view.decision).toMatchObject({ outcome: 'conditions', conditions: [{ kind: 'payment-term', days: 30 }] });
    await eventually(() => decisionRow('OPP-TRM'));
    const startsOn = await h.today();
    await expect(signContract(h.deps, { id: 'K-TRM-1', customerId: 'TRM', opportunityId: 'OPP-TRM', startsOn, signedBy: 'sales:an', paymentTermDays: 45 }))
      .rejects.toMatchObject({ statusCode: 422, fields: [{ field: 'paymentTermDays', problem: '45 days is longer than the 30 days the credit decision grants this customer' }] });
    const { contract } = await signContract(h.deps, { id: 'K-TRM-2', customerId: 'TRM', opportunityId: 'OPP-TRM', startsOn, signedBy: 'sales:an' });
    expect(contract.paymentTermDays).toBe(30);
  });

  it('decides by the policy in force when the opportunity opens, carried to the worker by value', async () => {
    // An operator's stricter version 2, which only the API knows (the worker has v1 alone).
    const strict = withOperatorPolicies([{ ...JSON.parse(JSON.stringify(ACCEPTANCE_POLICY_V1)), version: 2, validFrom: '2026-01-02', refuseBelowScore: 75, advancePaymentBelowScore: 75, referBelowScore: 75 }]);
    await h.customer('POL', 'B2B', '0812345603');
    const { view } = await openOpportunity({ ...h.deps, acceptancePolicies: strict }, { id: 'OPP-POL', customerId: 'POL', description: 'printing', requestedExposureCents: 1_000_00, requestedBy: 'sales:an' });
    expect(view.decision).toMatchObject({ outcome: 'refuse', decidedBy: 'policy acceptance@v2' });
    expect(view.proposal!.reasons).toEqual([{ rule: 'score', detail: 'score 70 is below 75' }]);
    expect(await eventually(() => decisionRow('OPP-POL'))).toMatchObject({ policyVersion: 2, outcome: 'refuse' });
  });

  it('refers to a person, with the reason, when the provider refuses to give the facts', async () => {
    await h.customer('KEY', 'B2B', '0456789133');
    h.bureau.failNext(401);
    const { view } = await open('OPP-KEY', 'KEY', 1_000_00);
    expect(view.stage).toBe('referred');
    expect(view.proposal!.reasons).toEqual([{ rule: 'facts-unavailable', detail: expect.stringMatching(/^the facts could not be gathered: .*CREDIT_DATA_API_KEY/) }]);
    expect(view.reportProblem).toMatch(/CREDIT_DATA_API_KEY/);
  });
});
