import type { Rule } from '../../types';
import { missingSection } from './missing-section';

export const impactRules: readonly Rule[] = [missingSection];
