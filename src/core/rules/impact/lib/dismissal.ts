/**
 * Recognises boilerplate dismissals: sentences that wave the question of harm away without any
 * reasoning ("We do not foresee any negative societal impact.", "This work poses no risk.",
 * "Not applicable, as this is a theoretical paper.", a bare "N/A").
 *
 * A sentence is a dismissal when it denies, in one of the usual shapes, that the work has risks,
 * harms, misuse, concerns or negative impact, and it does not reason about them:
 * - it names no concrete harm, victim or safeguard (fraud, impersonation, viewers, watermark, …);
 * - it has no reasoning clause (because, since, however, unless, a colon…) of some length, or
 *   only a stock reason ("as this is a theoretical paper", "any technology can be misused");
 * - no later sentence of the same block qualifies it ("However, …").
 *
 * All expressions are compiled once; each sentence first meets a cheap pre-filter.
 */

import { commentRanges, maskComments } from './placeholders';
import { countSlashWords } from '../../../util/letters';

const HARM_CORE =
  'risks?|harms?|misuses?|dangers?|threats?|hazards?|abuses?|impacts?|concerns?|consequences?|downsides?|negative\\s+effects?|dual[-\\s]use';
const HARM_QUALIFIED =
  '(?:negative|ethical|societal|social|harmful|adverse|malicious|detrimental|unintended|bad|undesirable|nefarious|dangerous)\\s+(?:\\S+\\s+)?(?:issues?|implications?|effects?|problems?|outcomes?|uses?|applications?|purposes?)';
const HARM = `(?:${HARM_CORE}|${HARM_QUALIFIED})`;
/** Determiners and adjectives that may stand between a denial and the harm noun. */
const ADJ =
  "(?:any|a|an|the|such|known|foreseeable|foreseen|potential|possible|significant|major|obvious|direct|indirect|immediate|negative|ethical|societal|social|serious|real|apparent|particular|specific|additional|new|further|other|clear|substantial|notable|meaningful|broader|important|harmful|adverse|malicious|likely|conceivable|reasonable|related|identifiable|obvious|explicit|future|current|long-term|short-term|[a-z]+(?:al|ive|ous|ful|ble))";
/** Up to six of them, which may be coordinated: "ethical or societal", "direct, immediate, or negative". */
const ADJS = `(?:${ADJ},?\\s+(?:(?:and\\/or|or|and|nor)\\s+)?){0,6}`;
/** "misuse", "negative societal impact", "potential for misuse", "possibility of harm". */
const HARM_NP = `(?:(?:potential|possibility|chance|likelihood|evidence|indication|sign)s?\\s+(?:of|for)\\s+${ADJS}|(?:path(?:way)?s?|route)\\s+to\\s+${ADJS})?(?:[a-z]+\\s+(?:or|and)\\s+${ADJS})?${HARM}`;
/** Negated auxiliaries. "must not" is left out: "the system must not cause harm" states a requirement. */
const NEG_AUX = '\\b(?:do|does|did|will|would|can|could|should|shall|may|might|have|has|had)\\s+not\\s+(?:\\w+\\s+){0,2}?';
const HAVING =
  '(?:poses?|posing|has|have|having|presents?|carries|carry|raises?|entails?|involves?|introduces?|bears?|holds?|creates?|causes?|brings?|leads?\\s+to|results?\\s+in)';

/**
 * A shape of denial. `cue` is a cheap test of words the shape cannot do without. Most shapes end in
 * the long determiner-and-harm phrase (`${ADJS}${HARM_NP}`, over 2,000 characters of expression):
 * for them `prefix` is the expression's start up to that phrase, and `tail` the rest. Any match of
 * the whole expression starts with a match of the prefix and contains a harm word, so a sentence
 * without both cannot match, and the whole expression, costly to compile and to run for the first
 * time, is compiled only when a sentence needs it (most runs never need most of them).
 */
class Shape {
  private compiled?: RegExp;
  private readonly guard: RegExp | null;
  constructor(
    readonly cue: RegExp | null,
    private readonly prefix: string,
    private readonly tail = '',
  ) {
    this.guard = tail ? new RegExp(prefix || '^') : null;
  }
  /** The whole expression, compiled on first use. */
  get re(): RegExp {
    return (this.compiled ??= new RegExp(this.prefix + this.tail));
  }
  get source(): string {
    return this.prefix + this.tail;
  }
  /** Where the shape matches the normalised sentence `norm`, if it does. */
  exec(norm: string, hasHarmWord: () => boolean): RegExpExecArray | null {
    if (this.cue && !this.cue.test(norm)) return null;
    // Once compiled, the whole expression rejects as quickly as its guard would.
    if (!this.compiled && !this.guardPasses(norm, hasHarmWord)) return null;
    return this.re.exec(norm);
  }
  /** Whether the sentence has the shape's start and a harm word (necessary for a match). */
  guardPasses(norm: string, hasHarmWord: () => boolean): boolean {
    return !this.guard || (this.guard.test(norm) && hasHarmWord());
  }
}
/** A shape whose expression is `prefix` followed by `tail` (see Shape). */
function shape(cue: RegExp | null, prefix: string | RegExp, tail?: string): Shape {
  return new Shape(cue, typeof prefix === 'string' ? prefix : prefix.source, tail);
}

/** The start of every harm phrase (HARM_NP ends in HARM, which starts a word). */
const HARM_WORD_RE = new RegExp(`\\b${HARM}`);
const ADJS_HARM = `${ADJS}${HARM_NP}\\b`;

/** Shapes of denial, on a normalised sentence (lower case, "n't" spelled "not"). */
const DENIALS: readonly Shape[] = [
  // we do not foresee any negative societal impact; this work does not present any consequence
  shape(
    null,
    `${NEG_AUX}(?:(?:seem|appear)\\s+to\\s+)?(?:foresee|anticipat|see|expect|identif|envision|envisag|predict|perceiv|find|found|know\\s+of|imagin|observ|think\\s+of|pos|present|ha[vds]|rais|carr|entail|involv|introduc|creat|caus|lead\\s+to|bring|constitut|result\\s+in|contain|bear|discuss|address)\\w*\\s+`,
    ADJS_HARM,
  ),
  // we do not believe that our work poses any risk
  shape(/\b(?:believe|think|expect|feel|consider)\b/, `${NEG_AUX}(?:believe|think|expect|feel|consider)\\b[^,;.]{0,60}?\\b${HAVING}\\s+`, ADJS_HARM),
  // we are not aware of any negative consequences; we are unaware of any risks
  shape(/aware/, `\\b(?:(?:am|are|is|was|were)\\s+not\\s+aware|(?:am|are|is|was|were)\\s+unaware)\\s+of\\s+`, ADJS_HARM),
  // we do not think there are any negative impacts
  shape(/\b(?:believe|think|expect|feel|consider)\b/, `${NEG_AUX}(?:believe|think|expect|feel|consider)\\b[^,;.]{0,40}?\\bthere\\s+(?:is|are|will\\s+be|would\\s+be)\\s+(?:any\\s+)?`, ADJS_HARM),
  // this work is not expected to have any negative societal impact
  shape(
    /\b(?:expected|anticipated|likely|foreseen|thought|believed|known)\s+to\b/,
    `\\b(?:is|are|was|were)\\s+not\\s+(?:\\w+\\s+)?(?:expected|anticipated|likely|foreseen|thought|believed|known)\\s+to\\s+(?:\\w+\\s+)?(?:have|pose|cause|raise|present|lead\\s+to|result\\s+in|create|bring|introduce|carry|entail)\\s+`,
    ADJS_HARM,
  ),
  // it is hard to predict any foreseeable societal consequence
  shape(/\b(?:hard|difficult|impossible|possible)\s+to\b/, `\\b(?:hard|difficult|impossible|not\\s+possible)\\s+to\\s+(?:\\w+\\s+)?(?:predict|foresee|anticipate|imagine|identify|envision)\\s+`, ADJS_HARM),
  // a discussion of societal impact is beyond the scope of this paper
  shape(/scope/, `\\b${HARM}\\b[^.;:]{0,30}?\\b(?:is|are|lies|lie|falls?)\\s+(?:\\w+\\s+)?(?:beyond|outside)\\s+(?:the\\s+)?scope\\b`),
  // negative societal impacts: none
  shape(/[:—–-]/, '^', `${ADJS}${HARM_NP}\\s*[:—–-]\\s*(?:none|n\\/?a|not\\s+applicable|no|nothing)\\b`),
  // no one will be harmed by this work
  shape(/\b(?:no\s+one|nobody|no\s+group|no\s+individual)\b/, /\b(?:no\s+one|nobody|no\s+group|no\s+individual)\s+(?:is|are|will\s+be|would\s+be|can\s+be|could\s+be)\s+(?:\w+\s+)?(?:harmed|hurt|disadvantaged|negatively\s+affected|endangered)\b/),
  // this work has / poses / raises no risk; carries minimal risk
  shape(/\b(?:no|zero|minimal|negligible|little|limited)\b/, `\\b(?:${HAVING}|with)\\s+(?:no|zero|minimal|negligible|little(?:\\s+to\\s+no)?|limited)\\s+`, ADJS_HARM),
  // we see no ethical concerns; we found no risks
  shape(/\bno\b/, `\\b(?:see|sees|foresee|foresees|anticipate|anticipates|expect|expects|identify|identified|envision|envisage|know\\s+of|find|found|perceive)\\s+no\\s+`, ADJS_HARM),
  // there are no ethical concerns; there is no potential for misuse
  shape(
    /\bthere\b/,
    `\\bthere\\s+(?:is|are|will\\s+be|would\\s+be|should\\s+be|were|was|exists?|seems?\\s+to\\s+be|appears?\\s+to\\s+be)\\s+(?:no|not\\s+any|minimal|negligible|little)\\s+`,
    ADJS_HARM,
  ),
  // no negative impacts are anticipated; no risks have been identified
  shape(
    /\bno\b/,
    `\\bno\\s+`,
    `${ADJS}${HARM_NP}\\s+(?:is|are|was|were|will\\s+be|would\\s+be|can\\s+be|could\\s+be|has\\s+been|have\\s+been)\\s+(?:\\w+\\s+)?(?:anticipated|foreseen|expected|identified|known|foreseeable|envisioned|envisaged|apparent|likely|predicted|found|observed|seen)\\b`,
  ),
  // this work is unlikely to cause harm / to be misused
  shape(/unlikely/, /\b(?:is|are|was|were|seems?|appears?)\s+(?:\w+\s+)?unlikely\s+to\s+(?:pose|have|cause|lead\s+to|present|raise|result\s+in|create|be\s+(?:misused|abused|used\s+(?:for|to)\s+(?:harm|cause\s+harm|malicious)))\b/),
  // our model is harmless / risk-free
  shape(/harmless|risk|innocuous/, /\b(?:is|are)\s+(?:completely\s+|entirely\s+|totally\s+|inherently\s+|fully\s+|perfectly\s+|essentially\s+)?(?:harmless|risk[-\s]free|innocuous)\b/),
  // free of any ethical concerns
  shape(/\b(?:free|devoid)\s+of\b/, `\\b(?:free|devoid)\\s+of\\s+`, ADJS_HARM),
  // a broader impact discussion is not applicable; this section is not applicable to this paper;
  // the ethical aspects are not applicable to this work; the statement does not apply for this paper
  shape(/applicable|relevant|apply/, /\b(?:impacts?|discussion|statement|section|aspects?|considerations?|question|implications?|checklist\s+item)\s+(?:is|are|does|do|seems?|appears?)\s+not\s+(?:\w+\s+)?(?:applicable|relevant|apply)\b/),
  // does not apply for a discussion on societal impact; not relevant to societal impacts
  shape(/applicable|relevant|apply/, `\\bnot\\s+(?:\\w+\\s+)?(?:applicable|relevant|apply)\\s+(?:to|for)\\s+(?:a\\s+|any\\s+|the\\s+)?(?:discussion\\s+(?:of|on|about)\\s+)?`, `${ADJS}${HARM}`),
  // … none of which we feel must be specifically highlighted here (ICML's template sentence)
  shape(/\b(?:feel|think|believe|consider|deem)\b/, /\b(?:none|nothing|no\s+\w+(?:\s+\w+){0,3})\s+(?:of\s+)?(?:which|that)\s+(?:we\s+)?(?:feel|think|believe|consider|deem)\b[^.;]{0,30}?\b(?:must|should|need\s+to|needs\s+to|ought\s+to)\s+be\s+(?:\w+\s+)?(?:highlighted|discussed|mentioned|reported)\b/),
  // no ethical concerns must be considered
  shape(/^no\b/, `^no\\s+`, `${ADJS}${HARM_NP}\\s+(?:must|need\\s+to|needs\\s+to|should|has\\s+to|have\\s+to)\\s+be\\s+(?:considered|discussed|addressed|highlighted|reported)\\b`),
  // this work will not put anyone at a disadvantage; we could not see anyone will be put at disadvantage
  shape(/disadvantage/, /\b(?:not|no\s+one|nobody|never)\b[^.;]{0,80}?\bput\s+(?:\w+\s+){0,5}?at\s+(?:a\s+)?disadvantage\b/),
  // our method does not leverage / amplify biases in the data
  shape(/bias/, `${NEG_AUX}(?:leverag|amplif|exploit|reinforc|perpetuat|introduc)\\w*\\s+(?:any\\s+)?(?:\\w+\\s+)?bias(?:es)?\\b`),
  // we do not release any data or models that have a high risk for misuse; it does not create new
  // capabilities that could be misused
  shape(/misused|abused|weaponi|risk/, `${NEG_AUX}(?:releas|creat|enabl|introduc|provid)\\w*\\s+(?:any\\s+)?[^.;]{0,60}?\\b(?:that|which)\\s+(?:\\w+\\s+){0,2}?(?:(?:could|can|may|might)\\s+(?:\\w+\\s+)?be\\s+(?:misused|abused|weaponi[sz]ed)|(?:ha[sv]e?|pose|carry|carries)\\s+(?:a\\s+)?(?:high\\s+|significant\\s+)?risks?)\\b`),
  // foundational research and not tied to particular applications
  shape(/\btied\b/, /\b(?:foundational|fundamental|basic|theoretical)\s+(?:research|work|contribution)s?\b[^.;]{0,20}?\bnot\s+tied\s+to\s+(?:any\s+)?(?:particular|specific|concrete)\s+applications?\b/),
  // This section is not applicable. It does not apply.
  shape(/applicable|relevant|apply/, /^(?:this\s+(?:section|question|item|point|category|statement|discussion)|it|this|that)\s+(?:is\s+not\s+(?:relevant|applicable)|does\s+not\s+apply)\b/),
  shape(/applicable|relevant|apply/, `\\b${HARM}\\s+(?:is|are|do|does)\\s+not\\s+(?:relevant|applicable|apply)\\b`),
  // N/A, not applicable, none … at the start of the sentence
  // (a bare "N/A" is only a dismissal where a harm question is asked: see isBareDismissal)
  shape(/^(?:n|does)/, /^(?:n\/?a|not\s+applicable|not\s+relevant|does\s+not\s+apply)\b(?=[\s,;:—–-]*[a-z])/),
  shape(/^none/, /^none(?:\s*[,;:—–-]\s*\S|\s+(?:foreseen|known|identified|anticipated|expected|that\s+we)\b|\s+of\s+(?:the\s+|these\s+|those\s+)?(?:above|hazards?|risks?|concerns?|harms?)\b)/),
];

/** A sentence that is only "No risks." / "No negative societal impact." */
const BARE_HARM = shape(
  null,
  '^(?:there\\s+are\\s+|there\\s+is\\s+)?no\\s+',
  `${ADJS}${HARM_NP}(?:\\s+(?:foreseen|anticipated|expected|known|identified|to\\s+report))?$`,
);
/** For a single test: whether `norm` is a bare "No risks." (see BARE_HARM). */
const bareHarm = (norm: string) => BARE_HARM.exec(norm, () => HARM_WORD_RE.test(norm)) !== null;

/** Whole content that says nothing but "no": for harm sections and free-text marker values. */
const BARE_WORDS_RE =
  /^(?:n\/?a|na|none|nothing|nil|no|nope|not\s+applicable|not\s+relevant|does\s+not\s+apply|unlikely|very\s+unlikely|highly\s+unlikely|not\s+likely|negligible|minimal|not\s+a\s+concern|no\s+concerns?|not\s+an\s+issue|no\s+issues?|none\s+(?:foreseen|known|identified|anticipated|expected|(?:that\s+)?we\s+(?:know|are\s+aware)\s+of|at\s+(?:this|the\s+moment|present)(?:\s+time|\s+stage|\s+point)?)|nothing\s+to\s+(?:report|declare|add))$/;

/** Cheap pre-filter: every denial shape contains one of these words. */
const PREFILTER_RE = /\b(?:not|no|none|n\/?a|nothing|unlikely|harmless|risk[-\s]free|innocuous|free|devoid|minimal|negligible|little|limited|zero|cannot|unaware|nobody|hard\s+to|difficult\s+to|impossible\s+to|beyond|outside)\b|n['’]t\b/;

/** Naming a concrete harm, victim or safeguard shows the author thought about it. */
const CONCRETE_RE =
  /\b(?:fraud\w*|scam\w*|impersonat\w*|deep\s?fakes?|disinformation|misinformation|propaganda|harass\w*|bully\w*|non-?consensual|porn\w*|nudes?|nudity|phishing|spoof\w*|clon(?:e|es|ed|ing)|surveillance|privacy|discriminat\w*|extort\w*|blackmail\w*|elections?|manipulat\w*|defam\w*|forger(?:y|ies)|forged|identity\s+theft|stalk\w*|dox\w*|likeness\w*|victims?|children|minors|journalists?|voters?|viewers?|listeners?|subjects|women|minorit\w*|patients?|artists?|actors?|consent\w*|watermark\w*|detectors?|provenance|gated|access\s+(?:form|control|requests?)|licen[cs]e)\b/;

/** Longest sentence read as a possible dismissal, in characters. */
const MAX_SENTENCE = 1500;

/** Kinds of harm, risk and victim a reasoning clause can be about (CONCRETE_RE names more). */
const SPECIFIC_HARM_RE =
  /\b(?:risks?|risky|harm\w*|misus\w*|abus\w*|danger\w*|threat\w*|hazard\w*|malicious|nefarious|bias\w*|unfair\w*|fairness|surveillance|security|attack\w*|adversar\w*|exploit\w*|decept\w*|deceiv\w*|fake\w*|stereotyp\w*|weapon\w*|military|emissions?|carbon|jobs?|unemploy\w*|safety|accidents?|injur\w*|dual[-\s]use|misidentif\w*|mislead\w*|imitat\w*|speakers?|people|individuals?|users?|groups?)\b/;
/** Connectives that set what could still happen against the denial. */
const CONTRAST_RE = /^(?:however|although|though|but|unless|except|whereas|while|only\s+if|if|provided|as\s+long\s+as)$/;
/** After a contrast, weighing concerns or consequences also engages ("…; however, … forces us to consider several ethical concerns"). */
const CONTRAST_HARM_RE = /\b(?:concerns?|consequences?|downsides?|negative\s+\w+|ethical\s+(?:issues?|questions?|implications?))\b/;
/** A discourse word at the start of a sentence links it to the one before; it is not a reason. */
const LEAD_ADVERB_RE = /^\s*(?:however|but|yet|still|nevertheless|nonetheless|besides\s+that|as\s+such|hence|thus|therefore|finally|overall|in\s+short|additionally|moreover|furthermore|so)\b[\s,]*/;
/** Reasoning connectives (or a colon/dash that introduces an explanation). */
const CONNECTIVE_SOURCE = String.raw`\b(?:because|since|given\s+that|due\s+to|owing\s+to|however|although|though|but|unless|except|whereas|while|only\s+if|if|provided|as\s+long\s+as)\b|[:—–]\s*\S|\s-\s\S`;
const CONNECTIVE_G = new RegExp(CONNECTIVE_SOURCE, 'g');

/** Stock reasons that explain nothing about this work's risks. */
const GENERIC_REASON_RE =
  /\b(?:theoretical|foundational|fundamental|basic|academic|methodological|purely\s+(?:algorithmic|mathematical|methodological|technical|academic|scientific))\s+(?:\S+\s+)?(?:paper|work|research|study|contribution|results?|nature|analysis|question|problem)s?\b|\bpurely\s+(?:theoretical|algorithmic|mathematical|methodological|technical|academic|scientific)\b|\bno\s+human\s+(?:subjects|participants)\b|\bnot\s+involve\s+(?:any\s+)?human\s+(?:subjects|participants)\b|\b(?:any|all|every|most)\s+(?:\S+\s+)?(?:technology|technologies|tools?|methods?|models?|research|innovation|advances?)\s+(?:can|could|may|might)\s+be\s+(?:misused|abused|used\s+(?:for|with|to)\s+(?:harm|malicious|bad|nefarious|cause))|\bas\s+with\s+any\s+(?:\S+\s+)?(?:technology|tool|method|model|research)\b|\b(?:general|generic|usual)\s+concerns?\b|\bgenerally\s+associated\s+with\b|\b(?:general|common|applicable)\s+to\s+all\b|\bpublicly\s+available\s+(?:data|datasets?|benchmarks?)\b|\bopen[-\s]source\s+(?:data|datasets?|benchmarks?)\b/;

/** A later sentence that qualifies the dismissal. */
const QUALIFIER_RE = /^(?:however|but|that\s+said|nevertheless|nonetheless|still|yet|although|though|on\s+the\s+other\s+hand|even\s+so)\b/;
const MODAL_RE = /\b(?:could|may|might|can|would)\b/;

const ABBREVIATION_END_RE = /\b(?:e\.g|i\.e|etc|et al|vs|cf|approx|fig|sec|eq|resp|incl|ca|al)\.$/i;
/** What may follow a sentence's final punctuation. */
const CLOSER_RE = /[\s)"'’”\]]/;
const LEAD_CHAR_RE = /[\s>*+-]/;
const QUOTE_EMPHASIS_RE = /[‘’`“”*_]/g;
const QUOTE_EMPHASIS_TEST_RE = /[‘’`“”*_]/;
/** Whitespace other than single spaces: only then are runs squashed. */
const SPACE_RUN_RE = /\s\s|[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** "cannot", "can't", "won't", "shan't", and any other "…n't" (after quotes are straightened). */
const CONTRACTION_RE = /\b(?:cannot|can't|won't|shan't|(\w+)n't)\b/g;
/** Bare answers start with one of these words; anything else skips the normalising. */
const BARE_WORD_START = String.raw`[\s>*+-]*(?:n\/?a|na|none|nothing|nil|no|nope|not|does|unlikely|very|highly|negligible|minimal|there)\b`;
const BARE_START_RE = new RegExp(`^${BARE_WORD_START}`, 'i');
const BARE_START_STICKY_RE = new RegExp(BARE_WORD_START, 'iy');
/** Raw-text cues (before normalising): a negation, and a harm word or a "not applicable" phrase. */
// Case-sensitive with explicit capitals: faster than the `i` flag on long prose.
const NEG_CUE_SOURCE = String.raw`\b(?:[Nn](?:ot?|one|\/[Aa]|othing)|NOT|NO|NONE|N\/A|[Uu]nlikely|[Hh]armless|[Rr]isk[-\s]free|[Ii]nnocuous|[Ff]ree|[Dd]evoid|[Mm]inimal|[Nn]egligible|[Ll]ittle|[Ll]imited|[Zz]ero|[Cc]annot)\b|n['’]t\b`;
const NEG_CUE_G = new RegExp(NEG_CUE_SOURCE, 'g');
/**
 * Cues of the few shapes without a negation word ("unaware of", "hard to predict any …", "beyond the
 * scope"). Scanning for them with the negation cues slows every scan (they start with common
 * letters), so one quick test for their fragments decides whether the wider cue is needed at all.
 */
const RARE_CUE_RE = /ard\s+to\b|ifficult\s+to\b|mpossible\s+to\b|naware|obody|\sscope\b/;
const WIDE_CUE_G = new RegExp(
  NEG_CUE_SOURCE + String.raw`|\b(?:[Uu]naware|[Nn]obody|(?:[Hh]ard|[Dd]ifficult|[Ii]mpossible)\s+to|(?:[Bb]eyond|[Oo]utside)\s+the\s+scope)\b`,
  'g',
);
const HARM_CUE_RE = /risk|harm|misuse|danger|threat|hazard|abuse|impact|concern|consequence|downside|effect|issue|implication|problem|outcome|\buses?\b|application|purpose|dual|n\/a|applicable|relevant|apply|innocuous|\bnone\b|disadvantage|bias|capabilit|hurt|affected/i;

export interface Dismissal {
  /** Offsets into the text given to `findDismissals`. */
  start: number;
  end: number;
  text: string;
  /** A bare "N/A" or "none" as the whole region. */
  bare?: boolean;
}

/** Lower case, straight quotes, no Markdown emphasis or link targets, "n't" spelled out. */
export function normalise(text: string): string {
  let t = text.toLowerCase();
  if (t.includes('[')) t = t.replace(/\[([^\][]*)\]\([^()]*\)/g, '$1');
  // Each rewrite only when the sentence needs it (most need none or one): this runs on every
  // candidate sentence of the document.
  if (QUOTE_EMPHASIS_TEST_RE.test(t)) t = t.replace(QUOTE_EMPHASIS_RE, (c) => (c === '*' || c === '_' ? '' : c === '“' || c === '”' ? '"' : "'"));
  if (t.includes("n'") || t.includes('cannot')) {
    t = t.replace(CONTRACTION_RE, (c, stem: string | undefined) =>
      stem !== undefined ? `${stem} not` : c.startsWith('can') ? 'can not' : c.startsWith('won') ? 'will not' : 'shall not',
    );
  }
  if (SPACE_RUN_RE.test(t)) t = t.replace(/\s+/g, ' ');
  return t.trim();
}


/** "N/A", "None.", "Unlikely." and the like, as the whole content of a block or value. */
export function isBareDismissal(text: string): boolean {
  if (text.length > 400 || !BARE_START_RE.test(text) || text.trim().length > 80) return false;
  const n = normalise(maskComments(text)).replace(/^[\s>*+-]+(?=\S)/, '').replace(/[\s.!;,:]+$/, '');
  return n.length > 0 && n.length < 60 && (BARE_WORDS_RE.test(n) || bareHarm(n));
}

/** The part of a normalised sentence that denies harm in a stock way, if any. */
function denialIn(norm: string): { index: number; length: number } | undefined {
  if (!PREFILTER_RE.test(norm)) return undefined;
  let harmWord: boolean | undefined;
  const hasHarmWord = () => (harmWord ??= HARM_WORD_RE.test(norm));
  const bare = norm.replace(/[\s.!?;,:]+$/, '');
  if (BARE_HARM.exec(bare, hasHarmWord)) return { index: 0, length: bare.length };
  for (const s of DENIALS) {
    const m = s.exec(norm, hasHarmWord);
    if (m) return { index: m.index, length: m[0].length };
  }
  return undefined;
}

/**
 * Judgments of normalised sentences, kept: the rules and the assessment model read the same
 * sentences in one run, and the editor reads them again on every keystroke.
 */
const judged = new Map<string, boolean>();
const JUDGED_MAX = 512;

/** Forgets every judged sentence: the bench times a lint from scratch, tests start from nothing. */
export function forgetJudgments(): void {
  judged.clear();
}

/** Whether a normalised sentence is a stock denial without reasoning of its own. */
function dismissive(norm: string): boolean {
  let j = judged.get(norm);
  if (j === undefined) {
    const denial = denialIn(norm);
    j = denial !== undefined && !reasoned(norm, denial);
    if (judged.size >= JUDGED_MAX) judged.delete(judged.keys().next().value!);
    judged.set(norm, j);
  }
  return j;
}

/**
 * For tests: each denial shape as its whole expression, and as the guarded match denialIn runs
 * (which must find exactly what the whole expression finds).
 */
export const denialShapes = (): { source: string; whole: (norm: string) => RegExpExecArray | null; guarded: (norm: string) => RegExpExecArray | null }[] =>
  [BARE_HARM, ...DENIALS].map((s) => ({
    source: s.source,
    whole: (norm: string) => s.re.exec(norm),
    guarded: (norm: string) => ((s.cue && !s.cue.test(norm)) || !s.guardPasses(norm, () => HARM_WORD_RE.test(norm)) ? null : s.re.exec(norm)),
  }));

/**
 * Whether a denial sentence carries its own reasoning (or names something concrete). Outside the
 * denial itself, the sentence must have a reasoning clause (because, since, however, although, a
 * colon…) that is about harm: it names a kind of harm, risk or victim, or, after a contrast
 * ("however", "although", "but"), says what could still happen. A clause about something else
 * ("…, but there are some limitations to the data"; "while we see no negative impacts, we discuss the
 * broader impacts in § 6") or about the kind of work ("since they are trained to produce cartoons")
 * does not reason about harm.
 */
function reasoned(sentence: string, found: { index: number; length: number }): boolean {
  // A clause before a semicolon that precedes the denial is a statement of its own ("Potential
  // benefits include safer fraud detection; there are no potential risks."): it does not reason.
  const from = sentence.lastIndexOf(';', found.index) + 1;
  const norm = sentence.slice(from);
  const denial = { index: found.index - from, length: found.length };
  if (CONCRETE_RE.test(norm)) return true;
  if (GENERIC_REASON_RE.test(norm)) return false;
  if (countSlashWords(norm) < 10) return false;
  const rest = (norm.slice(0, denial.index) + ' ' + norm.slice(denial.index + denial.length)).replace(LEAD_ADVERB_RE, '');
  // Any of the clauses may carry the reasoning ("Our aim—better game play—might have limited
  // consequences; however, … forces us to consider several ethical concerns").
  CONNECTIVE_G.lastIndex = 0;
  for (let c = CONNECTIVE_G.exec(rest); c; c = CONNECTIVE_G.exec(rest)) {
    const clause = rest.slice(c.index);
    if (SPECIFIC_HARM_RE.test(clause)) return true;
    if (CONTRAST_RE.test(c[0]) && (MODAL_RE.test(clause) || CONTRAST_HARM_RE.test(clause))) return true;
    // Later clauses are suffixes of this one: only a contrast further on can add anything.
    if (!CONTRAST_HARM_RE.test(clause) && !MODAL_RE.test(clause)) return false;
  }
  return false;
}

/** Whether the full stop at `i` ends a common abbreviation ("e.g.", "et al."). */
function abbreviationAt(text: string, i: number): boolean {
  return ABBREVIATION_END_RE.test(text.slice(Math.max(0, i - 7), i + 1));
}

const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const LF = 10;

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Whether the line that ends at the line break `i` (backwards) or starts after it (forwards) is blank. */
function blankLineAt(text: string, i: number, forward: boolean, lo: number, hi: number): boolean {
  let k = forward ? i + 1 : i - 1;
  while (k >= lo && k < hi && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k += forward ? 1 : -1;
  return k < lo || k >= hi || text[k] === '\n';
}

/** A part of a text to read: a paragraph, a list item or a marker value. */
/**
 * Inline code spans (`` `...` ``, any run length), as ranges in order, so quoted text is not read as
 * the author's own sentence. Linear: each run length keeps a pointer that only moves forward. A span
 * does not cross a blank line (a paragraph break), as in Markdown.
 */
export function codeSpanRanges(text: string): Span[] {
  const out: Span[] = [];
  if (!text.includes('`')) return out;
  const runs: { start: number; len: number }[] = [];
  // indexOf jumps between backticks: far cheaper than visiting every character.
  for (let i = text.indexOf('`'); i >= 0; ) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) === 96) j++;
    runs.push({ start: i, len: j - i });
    i = text.indexOf('`', j);
  }
  const byLen = new Map<number, number[]>();
  runs.forEach((r, k) => (byLen.get(r.len) ?? byLen.set(r.len, []).get(r.len)!).push(k));
  const next = new Map<number, number>();
  let pos = 0;
  for (const open of runs) {
    if (open.start < pos) continue;
    const same = byLen.get(open.len)!;
    let p = next.get(open.len) ?? 0;
    while (p < same.length && runs[same[p]].start <= open.start) p++;
    next.set(open.len, p);
    if (p >= same.length) continue;
    const close = runs[same[p]];
    const end = close.start + close.len;
    const nl = text.indexOf('\n', open.start);
    if (nl >= 0 && nl < end && /\n[ \t]*\r?\n/.test(text.slice(open.start, end))) continue;
    out.push({ start: open.start, end });
    pos = end;
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

/** `text[start, end)` with the parts inside `skip` (sorted) replaced by spaces, line breaks kept. */
function maskSpans(text: string, start: number, end: number, skip: readonly Span[]): string {
  let out = '';
  let pos = start;
  for (const k of skip) {
    if (k.end <= pos) continue;
    if (k.start >= end) break;
    const a = Math.max(k.start, pos);
    const b = Math.min(k.end, end);
    out += text.slice(pos, a) + text.slice(a, b).replace(/[^\r\n]/g, ' ');
    pos = b;
  }
  return pos === start ? text.slice(start, end) : out + text.slice(pos, end);
}

/** Comments and inline code, merged and sorted: text that is not the author's prose. */
function skippedSpans(text: string): Span[] {
  const all = [...commentRanges(text), ...codeSpanRanges(text)].sort((x, y) => x.start - y.start);
  const out: Span[] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export interface Region {
  start: number;
  end: number;
  /** Whether a bare "N/A", "none" or "unlikely" as the whole region is a dismissal. */
  bare?: boolean;
}

/** The end of the sentence that contains `pos` (within `r`): after its terminator, or at a blank line. */
function sentenceEnd(text: string, pos: number, r: Region): number {
  let b = pos;
  while (b < r.end) {
    const c = text.charCodeAt(b);
    if (c === DOT || c === BANG || c === QUESTION) {
      let e = b + 1;
      for (let d = text.charCodeAt(e); e < r.end && (d === DOT || d === BANG || d === QUESTION); d = text.charCodeAt(++e));
      if ((e >= r.end || CLOSER_RE.test(text[e])) && !(c === DOT && e === b + 1 && abbreviationAt(text, b))) return e;
      b = e;
      continue;
    }
    if (c === LF && blankLineAt(text, b, true, r.start, r.end)) return b;
    b++;
  }
  return r.end;
}

/** The start of the sentence that contains `pos` (within `r`). */
function sentenceStart(text: string, pos: number, r: Region): number {
  // Character codes, not one-character strings: this walks back over every cue's sentence.
  let a = pos;
  while (a > r.start) {
    const c = text.charCodeAt(a - 1);
    if ((c === DOT || c === BANG || c === QUESTION) && isSpaceCode(text.charCodeAt(a)) && !(c === DOT && abbreviationAt(text, a - 1))) break;
    if (c === LF && blankLineAt(text, a - 1, false, r.start, r.end)) break;
    a--;
  }
  return a;
}

/** The sentence around `pos`, without leading blanks or list markup and trailing blanks. */
function sentenceAround(text: string, pos: number, r: Region): { start: number; end: number } {
  let a = sentenceStart(text, pos, r);
  let b = sentenceEnd(text, pos, r);
  while (a < b && LEAD_CHAR_RE.test(text[a])) a++;
  while (b > a && isSpace(text[b - 1])) b--;
  return { start: a, end: b };
}

/**
 * The dismissals in the regions of a text, with offsets into the text. The negative cues are found
 * in one scan of the whole text (HTML comments masked); only the sentences around a cue, inside a
 * region, are read further. `regions` must be sorted and must not overlap.
 */
export function findDismissalsIn(text: string, regions: readonly Region[]): Dismissal[] {
  const out: Dismissal[] = [];
  if (!regions.length) return out;
  // The text is scanned as it is (no masked copy of the whole document); comments and inline code
  // are skipped by range, and only the few sentences read further are masked.
  const skip = skippedSpans(text);
  const read = (a: number, b: number) => (skip.length ? maskSpans(text, a, b, skip) : text.slice(a, b));
  /** Regions that are a bare dismissal as a whole: their sentences are not read again. */
  const bareRegions = new Set<Region>();
  for (const r of regions) {
    if (!r.bare || r.end - r.start > 400) continue;
    BARE_START_STICKY_RE.lastIndex = r.start;
    if (!BARE_START_STICKY_RE.test(text)) continue;
    const raw = read(r.start, r.end);
    if (!isBareDismissal(raw)) continue;
    const a = r.start + raw.search(/\S/);
    const b = r.start + raw.trimEnd().length;
    out.push({ start: a, end: b, text: text.slice(a, b), bare: true });
    bareRegions.add(r);
  }
  // The first qualifying sentence at or after a point of a region, remembered: the next dismissal
  // of the same region starts later, so a paragraph of many dismissals is read once, not once each.
  let qRegion: Region | undefined;
  let qFrom = 0;
  let qAt = -1;
  const qualified = (from: number, r: Region): boolean => {
    if (qRegion !== r || from < qFrom || (qAt >= 0 && from > qAt)) {
      qRegion = r;
      qFrom = from;
      qAt = firstQualifierAfter(text, from, r, read);
    }
    return qAt >= 0;
  };
  let k = 0;
  let sk = 0;
  const cue = RARE_CUE_RE.test(text) ? WIDE_CUE_G : NEG_CUE_G;
  cue.lastIndex = regions[0].start;
  let m: RegExpExecArray | null;
  while ((m = cue.exec(text))) {
    while (sk < skip.length && skip[sk].end <= m.index) sk++;
    if (sk < skip.length && skip[sk].start <= m.index) {
      cue.lastIndex = skip[sk].end;
      continue;
    }
    while (k < regions.length && regions[k].end <= m.index) k++;
    if (k >= regions.length) break;
    const r = regions[k];
    if (m.index < r.start) {
      cue.lastIndex = r.start;
      continue;
    }
    if (bareRegions.has(r)) {
      cue.lastIndex = r.end;
      continue;
    }
    const s = sentenceAround(text, m.index, r);
    cue.lastIndex = Math.max(s.end, m.index + 1);
    // A stock dismissal is one short sentence (the longest opt-out in the labelled corpus has 233
    // characters); a "sentence" of thousands is a list or a run-on that no stock shape describes.
    if (s.end - s.start > MAX_SENTENCE) continue;
    const raw = read(s.start, s.end);
    if (!HARM_CUE_RE.test(raw)) continue;
    if (!dismissive(normalise(raw))) continue;
    if (!qualified(s.end, r)) out.push({ start: s.start, end: s.end, text: raw });
  }
  return out.sort((x, y) => x.start - y.start);
}

/**
 * The dismissal sentences in one block of text (a paragraph, list item or marker value). With
 * `bare`, a block that is only "N/A", "none" or "unlikely" is a dismissal too.
 */
export function findDismissals(text: string, opts: { bare?: boolean } = {}): Dismissal[] {
  return findDismissalsIn(text, [{ start: 0, end: text.length, bare: opts.bare }]);
}

/** Where the first sentence at or after `from` that qualifies a dismissal starts ("However, …", a concrete harm that could happen); -1 if none. */
function firstQualifierAfter(text: string, from: number, r: Region, read: (a: number, b: number) => string): number {
  let pos = from;
  while (pos < r.end) {
    while (pos < r.end && isSpace(text[pos])) pos++;
    if (pos >= r.end) break;
    const end = sentenceEnd(text, pos, r);
    const x = normalise(read(pos, end));
    if ((QUALIFIER_RE.test(x) && countSlashWords(x) >= 6) || (CONCRETE_RE.test(x) && MODAL_RE.test(x))) return pos;
    pos = Math.max(end, pos + 1);
  }
  return -1;
}
