/** The release.yaml rules (scope 'release'), in the order their findings are usually read. */
import type { Rule } from '../../types';
import { artifactIdDuplicate } from './artifact-id-duplicate';
import { artifactPathUnmatched } from './artifact-path-unmatched';
import { contactMissing } from './contact-missing';
import { distributionIncomplete } from './distribution-incomplete';
import { duplicateKey } from './duplicate-key';
import { reviewDateInvalid } from './review-date-invalid';
import { reviewOverdue } from './review-overdue';
import { safeguardStatusMissing } from './safeguard-status-missing';
import { schemaViolation } from './schema-violation';
import { timedReleasePassed } from './timed-release-passed';
import { timingIncomplete } from './timing-incomplete';
import { withdrawalPlanMissing } from './withdrawal-plan-missing';
import { yamlSyntax } from './yaml-syntax';

export const releaseRules: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
  schemaViolation,
  artifactIdDuplicate,
  timingIncomplete,
  distributionIncomplete,
  reviewDateInvalid,
  reviewOverdue,
  timedReleasePassed,
  safeguardStatusMissing,
  contactMissing,
  withdrawalPlanMissing,
  artifactPathUnmatched,
];
