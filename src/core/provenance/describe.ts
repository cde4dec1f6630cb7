/** How the provenance findings name artifacts and lists of files. */

/** "artifact 'demo'", or "artifact #2" for one without an id. */
export function article(a: { label: string }): string {
  return a.label.startsWith('#') ? `artifact ${a.label}` : `artifact '${a.label}'`;
}

/** A list of names shown in a message: the first few, then a count. */
export function listed(items: string[], max = 5): string {
  const shown = items.slice(0, max).map((s) => `'${s}'`);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}
