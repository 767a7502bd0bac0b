/** Reads operations' acceptance policies from their JSON file, with errors that say where and what. */
import fs from 'node:fs';
import type { AcceptancePolicy } from '../domain/credit/acceptance-policy';
import { ACCEPTANCE_POLICIES, InvalidAcceptancePolicy, withOperatorPolicies } from '../domain/credit/policies';

export function loadAcceptancePolicies(file: string | null): AcceptancePolicy[] {
  if (!file) return [...ACCEPTANCE_POLICIES];
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidAcceptancePolicy(`${file}: cannot be read as JSON (${(error as Error).message}); fix the file or unset O2C_ACCEPTANCE_POLICIES`);
  }
  try {
    return withOperatorPolicies(data);
  } catch (error) {
    if (error instanceof InvalidAcceptancePolicy) throw new InvalidAcceptancePolicy(`${file}: ${error.message}`);
    throw error;
  }
}
