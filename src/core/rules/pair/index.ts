import type { Rule } from "../../types";
export const pairRules: readonly Rule[] = [];
