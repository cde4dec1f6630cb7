import type { Rule } from '../../types';
import { artifactMismatch } from './artifact-mismatch';
import { assessmentMissing } from './assessment-missing';
import { modalityMismatch } from './modality-mismatch';
import { modalityMissing } from './modality-missing';
import { planLessCautiousThanAssessment } from './plan-less-cautious-than-assessment';
import { reviewLevelTooLow } from './review-level-too-low';
import { unusedSuppression } from './unused-suppression';

export const pairRules: readonly Rule[] = [
  planLessCautiousThanAssessment,
  reviewLevelTooLow,
  assessmentMissing,
  artifactMismatch,
  modalityMismatch,
  modalityMissing,
  unusedSuppression,
];
