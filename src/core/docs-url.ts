/** Where the project and its rule documentation (docs/rules/<name>.md) live. */
export const PROJECT_URL = 'https://example.invalid/impact-notes';
export const RULE_DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules/`;

export function ruleDocUrl(rule: string): string {
  return `${RULE_DOCS_BASE_URL}${encodeURIComponent(rule)}.md`;
}

/** docs/taxonomy.md, where hover help links a term's definition. */
export const TAXONOMY_DOC_URL = `${PROJECT_URL}/blob/main/docs/taxonomy.md`;
