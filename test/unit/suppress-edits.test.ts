/**
 * The "disable for this line / file" edits shared by the editor and the language server
 * (src/core/suppress.ts): where the comment goes, merging into a comment already there, line breaks.
 */
import { strict as assert } from 'node:assert';
import { applyEdits } from '../../src/core/fix';
import { disableFileEdit, disableLineEdit, type SuppressEdit } from '../../src/core/suppress';
import { SourceText } from '../../src/core/source-text';

function apply(text: string, e: SuppressEdit | undefined): string {
  assert.ok(e, 'an edit');
  return applyEdits(text, [e]).text;
}

describe('suppression edits', () => {
  it('disable for a line: a comment above it with its indentation, in the file’s line breaks', () => {
    const md = '# T\r\n\r\n  - **Rating:** x\r\n';
    assert.equal(apply(md, disableLineEdit(new SourceText('IMPACT.md', md), 'impact', 'invalid-value', 2)), '# T\r\n\r\n  <!-- impact-notes-disable-next-line invalid-value -->\r\n  - **Rating:** x\r\n');
    const yaml = 'a: 1\n  b: 2\n';
    assert.equal(apply(yaml, disableLineEdit(new SourceText('release.yaml', yaml), 'release', 'schema-violation', 1)), 'a: 1\n  # impact-notes-disable-next-line schema-violation\n  b: 2\n');
  });

  it('disable for a line: adds the rule to a comment already above, keeping its reason; nothing when it is there', () => {
    const yaml = '  # impact-notes-disable-next-line contact-missing -- in the paper\n  contact: x\n';
    const src = new SourceText('release.yaml', yaml);
    assert.equal(apply(yaml, disableLineEdit(src, 'release', 'schema-violation', 1)), '  # impact-notes-disable-next-line contact-missing, schema-violation -- in the paper\n  contact: x\n');
    assert.equal(disableLineEdit(src, 'release', 'contact-missing', 1), undefined);
  });

  it('disable for a file: after front matter or a YAML modeline; merged into an existing comment', () => {
    const md = '---\ntitle: x\n---\n# T\n';
    assert.equal(apply(md, disableFileEdit(new SourceText('IMPACT.md', md), 'impact', 'placeholder-text')), '---\ntitle: x\n---\n<!-- impact-notes-disable-file placeholder-text -->\n# T\n');
    const yaml = '# yaml-language-server: $schema=x\nimpact-release: 1\n';
    assert.equal(apply(yaml, disableFileEdit(new SourceText('release.yaml', yaml), 'release', 'contact-missing')), '# yaml-language-server: $schema=x\n# impact-notes-disable-file contact-missing\nimpact-release: 1\n');
    const merged = '<!-- impact-notes-disable-file a-rule -->\n# T\n';
    assert.equal(apply(merged, disableFileEdit(new SourceText('IMPACT.md', merged), 'impact', 'placeholder-text')), '<!-- impact-notes-disable-file a-rule, placeholder-text -->\n# T\n');
    const all = '<!-- impact-notes-disable-file -->\n';
    assert.equal(disableFileEdit(new SourceText('IMPACT.md', all), 'impact', 'placeholder-text'), undefined);
  });

  it('disable for a file: front matter that ends the file without a line break gets one before the comment', () => {
    const md = '---\ntitle: x\n---';
    assert.equal(apply(md, disableFileEdit(new SourceText('IMPACT.md', md), 'impact', 'missing-section')), '---\ntitle: x\n---\n<!-- impact-notes-disable-file missing-section -->\n');
  });
});
