import type { Marker } from '../../impact/impact-doc';
import { HARMED_PARTIES, PEOPLE_MEDIA_MODALITIES, type Term } from '../../taxonomy';
import type { TextEdit } from '../../types';
import { defineImpactRule } from '../define';
import { detectModalities } from '../helpers';
import { appendLinesEdit, fillValueEdit, insertAfterItemEdit, insertBeforeItemEdit } from './lib/edits';
import { maskComments } from './lib/placeholders';
import { termNamed, textState, todo } from './lib/structure';
import { sentenceCase } from '../../util/text-case';

/** Words that show a party is discussed in prose, beyond the taxonomy's aliases. */
const MENTIONS: Record<string, RegExp> = {
  viewers:
    /\b(?:viewers?|audiences?|listeners?|readers?|watchers?|recipients?|consumers?|callers?)\b|\b(?:people|those|anyone|someone)\s+who\s+(?:see|sees|hear|hears|watch|watches|read|reads|receive|receives|encounter|encounters|take|takes|answer|answers)\b/i,
  subjects:
    /\b(?:subjects?(?!\s+to\b)|depicted|impersonated|imitated|likeness(?:es)?|(?:people|persons?|those|anyone|someone|speakers?)\s+(?:whose|who\s+(?:is|are)\s+(?:depicted|imitated|impersonated|cloned))|targets?\s+of\s+(?:impersonation|cloning)|without\s+(?:their\s+)?consent)\b/i,
  society:
    /\b(?:society|societal|the\s+public|public\s+(?:trust|discourse|confidence|sphere|debate)|institutions?|democra\w*|elections?|journalis\w*|newsrooms?|courts?|trust\s+in)\b/i,
};

const name = (t: Term) => sentenceCase(t.label);
const question = (t: Term) => t.question ?? t.definition;

/**
 * For media that can depict or imitate people (image, audio, video, multimodal), 'Who could be
 * harmed' covers the three parties of the CACM column: viewers who are deceived, subjects who are
 * depicted or imitated, and society whose trust wears away. A `- **Viewers:**` line or prose that
 * names the party counts; one finding per party left out.
 */
export const harmedPartiesMissing = defineImpactRule({
  meta: {
    name: 'harmed-parties-missing',
    description: "For media that depict people, 'Who could be harmed' leaves out viewers, subjects or society.",
    defaultSeverity: 'warning',
    fixable: true,
    source: 'CACM, What To Do About Deepfakes (harms to viewers, subjects and society)',
  },
  check(ctx) {
    const doc = ctx.impact;
    const section = doc.byId.get('harmed-parties');
    if (!section) return; // missing-section reports it
    const media = detectModalities(doc, ctx.release).filter((m) => PEOPLE_MEDIA_MODALITIES.includes(m));
    if (!media.length) return;

    const markers = new Map<string, Marker>();
    for (const m of section.allMarkers) {
      const t = termNamed('harmed-party', m.key);
      if (t && !markers.has(t.id)) markers.set(t.id, m);
    }
    let text: string | undefined;
    const prose = () => (text ??= maskComments([...section.allProse.map((p) => p.text), ...section.allMarkers.map((m) => `${m.key}: ${m.value}`)].join('\n')));

    HARMED_PARTIES.forEach((t, i) => {
      const m = markers.get(t.id);
      if (m) {
        if (textState(doc.source.text.slice(m.valueRange.start, m.valueRange.end)) !== 'empty') return;
        ctx.report({
          message: `'${m.key}' is empty: say how ${t.label.toLowerCase()} could be harmed. ${question(t)}`,
          file: 'impact',
          range: m.keyRange,
          fix: { title: `Put a prompt into '${m.key}'`, edits: [fillValueEdit(doc, m, todo(question(t)))] },
          data: { party: t.id },
        });
        return;
      }
      if (MENTIONS[t.id].test(prose())) return;
      const line = `- **${name(t)}:** ${todo(question(t))}`;
      const prev = HARMED_PARTIES.slice(0, i).reverse().map((p) => markers.get(p.id)).find(Boolean);
      const next = HARMED_PARTIES.slice(i + 1).map((p) => markers.get(p.id)).find(Boolean);
      const edit: TextEdit = prev ? insertAfterItemEdit(doc, prev, [line]) : next ? insertBeforeItemEdit(doc, next, [line]) : appendLinesEdit(doc, section, [line]);
      ctx.report({
        message: `'${section.heading.text}' does not consider ${t.label.toLowerCase()}: add a '- **${name(t)}:**' line. ${question(t)}`,
        file: 'impact',
        range: section.heading.range,
        fix: { title: `Add a '${name(t)}' line`, edits: [edit] },
        data: { party: t.id },
      });
    });
  },
});
