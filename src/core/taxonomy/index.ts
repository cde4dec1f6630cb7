/**
 * The taxonomy of Impact Notes: its data (data.ts: hazard types, paths to harm, release options,
 * safeguards, the IMPACT.md sections and the marker vocabulary) and the lookups into it (lookup.ts).
 */
export * from './data';
export * from './lookup';
