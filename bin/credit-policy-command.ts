/** `o2c credit-policy …`: the acceptance policies credit checks decide by, for operations. */
import { Command } from 'commander';
import type { AcceptancePolicy } from '../domain/credit/acceptance-policy';
import { InvalidAcceptancePolicy } from '../domain/credit/policies';
import { loadAcceptancePolicies } from '../platform/acceptance-policies';
import { configOrExit } from '../platform/config-or-exit';

const print = (text: string) => process.stdout.write(`${text}\n`);
const euro = (cents: number) => `EUR ${(cents / 100).toLocaleString('en', { minimumFractionDigits: 2 })}`;

/** The policy as a credit manager reads it: what refuses, what refers, what is a condition. */
function describePolicy(policy: AcceptancePolicy): string {
  const bands = policy.paymentTermBands.map((band) => `${band.maxDays} days from score ${band.minScore}`).join(', ');
  const expired = policy.expiredReferral;
  return [
    `${policy.id} v${policy.version}, in force from ${policy.validFrom}`,
    `  refuse        ${policy.refusingEvents.join(', ')} on record; score below ${policy.refuseBelowScore}`,
    `  full advance  score ${policy.refuseBelowScore}–${policy.advancePaymentBelowScore - 1}`,
    `  refer         score ${policy.advancePaymentBelowScore}–${policy.referBelowScore - 1}; ${policy.referringEvents.join(', ')} in the last ${policy.recentEventMonths} months;`,
    `                accounts older than ${policy.maxFilingAgeMonths} months; exposure above ${euro(policy.referAboveExposureCents)};`,
    `                pays us more than ${policy.referAboveDaysLate} days late; more than ${euro(policy.referAboveOpenOverdueCents)} overdue with us; ${policy.referFromBrokenPromises} broken promises`,
    `  conditions    a guarantee above the provider's advised limit; ${policy.cashDiscount.percent} % cash discount within ${policy.cashDiscount.days} days when paying ${policy.cashDiscountAboveDaysLate + 1}–${policy.referAboveDaysLate} days late;`,
    `                full advance from consumers above ${euro(policy.consumerLimitCents)}; ${policy.unknownCompanyAdvancePercent} % advance from companies the provider does not know`,
    `  payment term  at most ${bands}; ${policy.defaultMaxPaymentTermDays} days without a score`,
    `  referrals     decide within ${policy.referral.decideWithinDays} days, escalated, then ${policy.referral.escalatedDecideWithinDays} more; then ${expired.outcome}${expired.conditions.length > 0 ? ` (${expired.conditions.map((c) => c.detail).join('; ')})` : ''}`,
  ].join('\n');
}

export const creditPolicyCommand = new Command('credit-policy').description('Acceptance policies of the credit check: list, show, check a file');

creditPolicyCommand
  .command('list')
  .description('The published policies (built-in and from O2C_ACCEPTANCE_POLICIES), with the day each takes effect')
  .action(() => {
    for (const policy of loadAcceptancePolicies(configOrExit().acceptancePoliciesFile)) print(`${policy.id} v${policy.version}  from ${policy.validFrom}`);
  });

creditPolicyCommand
  .command('show')
  .description('What a policy refuses, refers and asks as conditions, in words')
  .argument('[version]', 'policy version; the newest when absent')
  .action((version?: string) => {
    const policies = loadAcceptancePolicies(configOrExit().acceptancePoliciesFile);
    const policy = version === undefined ? policies.at(-1) : policies.find((known) => known.version === Number(version.replace(/^v/, '')));
    if (!policy) throw new Error(`No acceptance policy ${version}; published: ${policies.map((p) => `v${p.version}`).join(', ')}`);
    print(describePolicy(policy));
  });

creditPolicyCommand
  .command('check')
  .description('Check a policy file before setting O2C_ACCEPTANCE_POLICIES to it: every field, every rule')
  .argument('<file>', 'JSON file with a list of policies')
  .action((file: string) => {
    try {
      const policies = loadAcceptancePolicies(file);
      print(`${file}: valid; published with it: ${policies.map((p) => `v${p.version} from ${p.validFrom}`).join(', ')}`);
    } catch (error) {
      if (!(error instanceof InvalidAcceptancePolicy)) throw error;
      print(error.message);
      process.exitCode = 1;
    }
  });
