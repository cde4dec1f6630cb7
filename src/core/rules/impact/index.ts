import type { Rule } from '../../types';
import { benefitsMissing } from './benefits-missing';
import { boilerplateDismissal } from './boilerplate-dismissal';
import { detectionGuidanceMissing } from './detection-guidance-missing';
import { duplicateSection } from './duplicate-section';
import { factorUnrated } from './factor-unrated';
import { harmedPartiesMissing } from './harmed-parties-missing';
import { hazardUnassessed } from './hazard-unassessed';
import { invalidValue } from './invalid-value';
import { missingSection } from './missing-section';
import { placeholderText } from './placeholder-text';
import { ratchetPositionMissing } from './ratchet-position-missing';
import { rationaleTooShort } from './rationale-too-short';
import { unknownSection } from './unknown-section';

export const impactRules: readonly Rule[] = [
  missingSection,
  hazardUnassessed,
  factorUnrated,
  invalidValue,
  ratchetPositionMissing,
  benefitsMissing,
  placeholderText,
  boilerplateDismissal,
  detectionGuidanceMissing,
  harmedPartiesMissing,
  rationaleTooShort,
  duplicateSection,
  unknownSection,
];
