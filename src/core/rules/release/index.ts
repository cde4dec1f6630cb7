import type { Rule } from "../../types";
export const releaseRules: readonly Rule[] = [];
