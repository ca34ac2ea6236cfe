/**
 * Red flags: evaluated before and independently of the differential. No score, band or ranking can suppress
 * one: a red flag fires on its own trigger and is shown first, sorted by urgency. Triggers are typed
 * predicates like the scoring rules, so `describe` renders them to the same review snapshot.
 */
import type { ConditionId, Evidence, MissingData, RedFlag, RedFlagId, Urgency } from './assessment';
import { type AnswerSlot, type Match, type Predicate, type RuleContext, evaluate, toEvidence } from './predicates';
import type { SourceId } from './sources';
import type { ExamFinding, HistoryItem } from './labels';

export interface RedFlagRule {
  readonly id: RedFlagId;
  readonly urgency: Urgency;
  readonly when: Predicate;
  /** Extra findings shown with the flag when it fires (never needed to fire it). */
  readonly context?: Predicate;
  readonly message: string;
  readonly action: string;
  readonly source: SourceId;
  /** Conditions whose workup this flag escalates to "now". */
  readonly related: readonly ConditionId[];
  /**
   * Questions asked instead of firing: the rest of a trigger holds but an answer it needs was never recorded.
   * Unknown is neither "no" nor a positive finding, so the flag does not fire on it: each question whose `when`
   * holds (and only while the flag itself has not fired) becomes a MissingData item naming what to ask and why.
   */
  readonly ifUnanswered?: readonly RedFlagQuestion[];
  /**
   * The action to show instead when one of these other red flags is raised too (the flag still fires: a red
   * flag is never hidden, but its first step can depend on a more urgent one).
   */
  readonly actionWhen?: { readonly flags: readonly RedFlagId[]; readonly action: string };
}

export interface RedFlagQuestion {
  readonly when: Predicate;
  readonly concept: string;
  readonly why: string;
}

const exam = (finding: ExamFinding): Predicate => ({ kind: 'exam', finding, is: true });
const history = (item: HistoryItem): Predicate => ({ kind: 'history', item, is: true });
const any = (...of: Predicate[]): Predicate => ({ kind: 'any', of });
const unanswered = (slot: AnswerSlot): Predicate => ({ kind: 'unanswered', slot });
const all = (...of: Predicate[]): Predicate => ({ kind: 'all', of });

const CONSTANT_PAIN: Predicate = { kind: 'includes', field: 'timing', anyOf: ['constant'] };
const SYSTEMIC_FEATURE: Predicate = any(
  history('weightLoss'),
  history('cancerHistory'),
  { kind: 'condition', concepts: ['active-cancer'], activeOnly: true },
  history('fever'),
  history('ivDrugUseOrImmunosuppression'),
);

export const URGENCY_ORDER: Readonly<Record<Urgency, number>> = { emergency: 0, urgent: 1, soon: 2 };

/** In order of review; output is sorted by urgency (stable, so this order breaks ties). */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'acute-limb-ischemia',
    urgency: 'emergency',
    when: any(exam('suddenColdPaleLeg'), all({ kind: 'onset', is: 'sudden' }, { kind: 'pulses', is: 'absent' })),
    context: any(exam('coolFoot'), { kind: 'includes', field: 'qualities', anyOf: ['numbness-tingling'] }),
    message: 'Possible acute limb ischaemia: a sudden cold, pale or pulseless leg threatens the limb within hours.',
    action:
      'Emergency: send to the emergency department for same-hour vascular surgery review; do not wait for an ABI. ' +
      'Record the time of onset, sensation and movement.',
    source: 'aha-acc-2016-pad',
    related: ['pad-ischemic-rest-pain'],
    ifUnanswered: [
      {
        when: all(
          { kind: 'onset', is: 'sudden' },
          any(exam('coolFoot'), exam('pallorOnElevationOrDependentRubor'), {
            kind: 'includes',
            field: 'qualities',
            anyOf: ['numbness-tingling'],
          }),
          unanswered('exam.pedalPulses'),
        ),
        concept: 'Check pedal pulses now (exam.pedalPulses)',
        why:
          'sudden onset with a cool, pale or numb leg: absent pulses would mean possible acute limb ischaemia ' +
          '(emergency, same-hour vascular review); not recorded means not excluded',
      },
    ],
  },
  {
    id: 'compartment-syndrome',
    urgency: 'emergency',
    when: all(exam('tenseSwollenCompartment'), any(exam('painOnPassiveStretch'), history('recentTrauma'))),
    message:
      'Possible compartment syndrome: a tense, swollen compartment with pain on passive stretch or after trauma.',
    action: 'Emergency: same-hour surgical (orthopaedic) review for compartment pressure measurement and fasciotomy.',
    source: 'red-flag-consensus',
    related: [],
    ifUnanswered: [
      {
        when: all(
          exam('tenseSwollenCompartment'),
          any(unanswered('exam.painOnPassiveStretch'), unanswered('history.recentTrauma')),
        ),
        concept: 'Pain on passive stretch and recent trauma (exam.painOnPassiveStretch, history.recentTrauma)',
        why:
          'a tense, swollen compartment with either one is possible compartment syndrome (emergency fasciotomy ' +
          'review); not recorded means not excluded',
      },
      {
        when: all(exam('painOnPassiveStretch'), history('recentTrauma'), unanswered('exam.tenseSwollenCompartment')),
        concept: 'Tense, swollen compartment (exam.tenseSwollenCompartment)',
        why:
          'pain on passive stretch after trauma: a tense compartment would mean possible compartment syndrome ' +
          '(emergency); not recorded means not excluded',
      },
    ],
  },
  {
    id: 'possible-pulmonary-embolism',
    urgency: 'emergency',
    when: any(history('dyspnoeaOrChestPain'), history('haemoptysisOrSyncope')),
    context: any(exam('unilateralSwelling'), exam('calfSwellingOver3cm'), exam('deepVeinTenderness')),
    message: 'Possible pulmonary embolism: leg symptoms with breathlessness, chest pain, coughing blood or fainting.',
    action: 'Emergency: call emergency services / send to the emergency department now for PE assessment.',
    source: 'ash-2018-vte',
    related: ['deep-vein-thrombosis'],
  },
  {
    id: 'cauda-equina',
    urgency: 'emergency',
    when: any(
      exam('saddleAnaesthesia'),
      exam('bladderOrBowelChange'),
      all(exam('progressiveWeakness'), any({ kind: 'side', anyOf: ['both'] }, history('backPain'))),
      // Reference §3.6/§4.2: bilateral weakness is a cauda equina flag even when not recorded as progressive.
      all(
        { kind: 'side', anyOf: ['both'] },
        any(exam('footDrop'), exam('weakDorsiflexionEversion'), exam('weakInversion')),
      ),
    ),
    message:
      'Possible cauda equina syndrome: saddle anaesthesia, new bladder or bowel change, or bilateral or progressive weakness.',
    action: 'Emergency: same-day emergency MRI of the lumbar spine and spinal surgery review.',
    source: 'acp-aps-2007-lbp',
    related: ['lumbar-radiculopathy'],
  },
  {
    id: 'suspected-dvt',
    urgency: 'urgent',
    when: any(
      all(
        any(exam('unilateralSwelling'), exam('calfSwellingOver3cm'), exam('entireLegSwollen')),
        any({ kind: 'onset', is: 'sudden' }, exam('warmth'), exam('redness'), exam('deepVeinTenderness')),
      ),
      { kind: 'derived', id: 'wells-likely-with-leg-finding' },
    ),
    message:
      'Suspected deep vein thrombosis: one-sided leg swelling with sudden onset, warmth, redness or deep-vein tenderness, or a "likely" Wells score.',
    action:
      'Same-day assessment (emergency department or urgent duplex) with compression ultrasound whatever the Wells ' +
      'score; record every Wells item. A negative D-dimer does not exclude DVT while this flag stands. ' +
      'Do not massage the leg.',
    source: 'ash-2018-vte',
    related: ['deep-vein-thrombosis'],
    ifUnanswered: [
      {
        when: all(
          any(exam('unilateralSwelling'), exam('calfSwellingOver3cm'), exam('entireLegSwollen')),
          any(unanswered('onset'), unanswered('exam.deepVeinTenderness')),
        ),
        concept: 'Onset and deep-vein tenderness (onset, exam.deepVeinTenderness)',
        why:
          'the leg is swollen: sudden onset or deep-vein tenderness (or warmth or redness) makes this a suspected ' +
          'DVT (same-day ultrasound); not recorded means not excluded',
      },
    ],
  },
  {
    id: 'chronic-limb-threatening-ischemia',
    urgency: 'urgent',
    when: any(
      { kind: 'derived', id: 'clti-haemodynamics' },
      // Gangrene is tissue loss in itself: it needs no other PAD feature to be urgent.
      exam('gangrene'),
      { kind: 'condition', concepts: ['gangrene'], activeOnly: true },
      all(any(exam('ulcer'), { kind: 'condition', concepts: ['ischemic-ulcer'], activeOnly: true }), {
        kind: 'derived',
        id: 'pad-features',
      }),
    ),
    context: { kind: 'derived', id: 'rest-pain-pattern' },
    message:
      'Chronic limb-threatening ischaemia: CLTI-range perfusion (ABI < 0.40, ankle < 50 or toe/TcPO2 < 30 mmHg) in a patient with leg pain at rest, gangrene, or an ulcer with PAD features.',
    action:
      'Urgent vascular surgery referral (same day to days when there is tissue loss or infection); ' +
      'arterial duplex and wound care.',
    source: 'gvg-2019-clti',
    related: ['pad-ischemic-rest-pain'],
    ifUnanswered: [
      {
        when: all(exam('ulcer'), { kind: 'derived', id: 'limb-perfusion-unknown' }),
        concept: 'Pedal pulses and ABI of the leg with the ulcer, now (exam.pedalPulses, measurements)',
        why:
          'an ulcer with absent or diminished pulses or a low ABI/TBI is chronic limb-threatening ischaemia (urgent ' +
          'vascular referral); perfusion not checked means not excluded',
      },
    ],
  },
  {
    id: 'cellulitis',
    urgency: 'urgent',
    when: all(exam('redness'), exam('warmth'), history('fever')),
    ifUnanswered: [
      {
        when: all(
          exam('redness'),
          any(all(history('fever'), unanswered('exam.warmth')), all(exam('warmth'), unanswered('history.fever'))),
        ),
        concept: 'Warmth and fever (exam.warmth, history.fever)',
        why:
          'a red leg that is also warm with fever is possible cellulitis (same-day review; DVT can look the same); ' +
          'not recorded means not excluded',
      },
    ],
    message: 'Possible cellulitis: a red, warm leg with fever (DVT can look the same).',
    action:
      'Same-day clinical review; emergency if pain is out of proportion, the skin is dusky or crepitant (necrotising infection).',
    source: 'red-flag-consensus',
    related: ['deep-vein-thrombosis'],
  },
  /*
   * Reference §4.3: only NEW or progressive foot drop is a red flag. Weak dorsiflexion/eversion alone is an
   * exam grade, not a statement that it is new, so it is shown as context but never fires the flag on its own
   * (the form has no "new" qualifier for it; `footDrop` and `progressiveWeakness` are the answers that say so).
   * Bilateral weakness fires cauda equina instead (§4.2).
   */
  {
    id: 'progressive-foot-drop',
    urgency: 'urgent',
    when: any(exam('footDrop'), exam('progressiveWeakness')),
    context: exam('weakDorsiflexionEversion'),
    message: 'New or progressive foot drop or leg weakness: a motor deficit that needs prompt localisation.',
    action: 'Urgent (days): EMG/NCS and neurology review; ankle-foot orthosis if tripping.',
    source: 'baima-2008-peroneal',
    related: ['peroneal-neuropathy', 'lumbar-radiculopathy'],
  },
  {
    id: 'night-pain-malignancy-infection',
    urgency: 'urgent',
    when: all(CONSTANT_PAIN, { kind: 'derived', id: 'no-positional-relief' }, SYSTEMIC_FEATURE),
    message:
      'Constant night pain not eased by any position, with weight loss, cancer, fever, IV drug use or immunosuppression: consider malignancy or infection.',
    action: 'Urgent (days): MRI of the symptomatic region, CBC, inflammatory markers; review cancer history.',
    actionWhen: {
      flags: ['suspected-dvt', 'possible-pulmonary-embolism'],
      action:
        'Urgent (days), once DVT has been assessed (the swollen leg comes first): MRI of the symptomatic region, ' +
        'CBC, inflammatory markers; review cancer history.',
    },
    source: 'acp-aps-2007-lbp',
    related: ['lumbar-radiculopathy'],
    ifUnanswered: [
      {
        when: all(CONSTANT_PAIN, { kind: 'derived', id: 'relief-not-recorded' }, SYSTEMIC_FEATURE),
        concept: 'Does any position relieve the constant night pain? (relievedBy)',
        why:
          'the pain is constant and there is weight loss, cancer, fever, IV drug use or immunosuppression: if no position ' +
          'eases it, this is a red flag for malignancy or infection (urgent MRI within days); not recorded means not excluded',
      },
      {
        when: all(unanswered('timing'), { kind: 'derived', id: 'no-positional-relief' }, SYSTEMIC_FEATURE),
        concept: 'Is the night pain constant? (timing)',
        why:
          'no position relieves it and there is weight loss, cancer, fever, IV drug use or immunosuppression: constant ' +
          'pain would make this a red flag for malignancy or infection (urgent MRI within days); not recorded means not excluded',
      },
    ],
  },
];

/** Appends matches as zero-weight evidence, skipping duplicates (same label and provenance). */
function addEvidence(out: Evidence[], matches: readonly Match[], ruleId: string): void {
  for (const m of matches) {
    let dup = false;
    for (const e of out) {
      if (e.label === m.label && e.formField === m.formField && e.reference === m.reference) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(toEvidence(m, 0, ruleId, m.label));
  }
}

/** Evaluates every red-flag rule. Never consults a score; sorted emergency → urgent → soon. */
export function evaluateRedFlags(ctx: RuleContext): RedFlag[] {
  const fired: RedFlag[] = [];
  for (const rule of RED_FLAG_RULES) {
    const matches = evaluate(rule.when, ctx);
    if (!matches) continue;
    const ruleId = `red-flag.${rule.id}`;
    const evidence: Evidence[] = [];
    addEvidence(evidence, matches, ruleId);
    if (rule.context) {
      const extra = evaluate(rule.context, ctx);
      if (extra) addEvidence(evidence, extra, ruleId);
    }
    fired.push({ id: rule.id, urgency: rule.urgency, message: rule.message, action: rule.action, evidence });
  }
  ctx.cache.firedRedFlags = fired;
  for (let i = 0; i < fired.length; i++) {
    const alt = RED_FLAG_RULE_BY_ID.get(fired[i]!.id)?.actionWhen;
    if (alt && fired.some((f) => alt.flags.includes(f.id))) fired[i] = { ...fired[i]!, action: alt.action };
  }
  return fired.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
}

/**
 * Questions whose answer decides a red flag: for each rule whose trigger holds except for an unanswered item,
 * one MissingData item naming what to ask and why. Never consults a score.
 */
export function redFlagQuestions(ctx: RuleContext): MissingData[] {
  const out: MissingData[] = [];
  for (const rule of RED_FLAG_RULES) {
    const qs = rule.ifUnanswered;
    if (!qs) continue;
    let fired: boolean | undefined;
    for (const q of qs) {
      if (!evaluate(q.when, ctx)) continue;
      // A flag that already fired needs no question to decide it.
      fired ??= ctx.cache.firedRedFlags
        ? ctx.cache.firedRedFlags.some((f) => f.id === rule.id)
        : evaluate(rule.when, ctx) !== null;
      if (fired) break;
      out.push(
        rule.related.length > 0
          ? { concept: q.concept, why: q.why, for: rule.related }
          : { concept: q.concept, why: q.why },
      );
    }
  }
  return out;
}

export const RED_FLAG_RULE_BY_ID: ReadonlyMap<RedFlagId, RedFlagRule> = new Map(RED_FLAG_RULES.map((r) => [r.id, r]));
