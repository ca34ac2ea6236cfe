/**
 * Red flags: evaluated before and independently of the differential. No score, band or ranking can suppress one
 * (their triggers are {@link FactPredicate}s, which cannot read a score): a red flag fires on its own trigger and is
 * shown first, sorted by urgency. Every part of a rule is typed data rendered into the rule book: the trigger, the
 * questions asked instead of firing, the variants (a more urgent grade, another first step) and which more urgent
 * flag supersedes it.
 *
 * Unknown is not "no" and not "yes": when a trigger holds except for an answer nobody recorded, the flag does not
 * fire on a guess but the missing answer is asked at the top of missing data (`ifUnanswered`). Where the guideline
 * says to flag and ask (CLTI with an unknown rest-pain duration), the question is asked even though the flag fired.
 * Stale results and results of the other leg never raise a flag (see `derived.ts`).
 */
import type { ConditionId, Evidence, MissingData, RedFlag, RedFlagId, Urgency } from './assessment';
import type { FactContext } from './context';
import { type Match, toEvidence } from './matches';
import { evaluateFact, holdsFact } from './predicate-compiler';
import type { AnswerSlot, FactDerivedId, FactPredicate } from './predicate-types';
import type { ExamFinding, HistoryItem } from './labels';
import type { SourceId } from './sources';
import { CLTI } from './thresholds';

export interface RedFlagQuestion {
  readonly when: FactPredicate;
  /** What to ask, in clinician words (no form paths). */
  readonly ask: string;
  /** The form questions that answer it (first one first). */
  readonly paths: readonly string[];
  readonly why: string;
  /** Ask even when the flag fired (the guideline says "flag and ask"). */
  readonly evenIfFired?: true;
}

/** A graded or situational form of the flag: the first variant whose `when` holds replaces what it names. */
export interface RedFlagVariant {
  readonly when: FactPredicate;
  /** Names the variant in the rule book ("Rutherford IIb", "phlegmasia"). */
  readonly name: string;
  readonly urgency?: Urgency;
  readonly message?: string;
  readonly action?: string;
}

export interface RedFlagRule {
  readonly id: RedFlagId;
  readonly urgency: Urgency;
  readonly when: FactPredicate;
  /** Extra findings shown with the flag when it fires (never needed to fire it). */
  readonly context?: FactPredicate;
  readonly message: string;
  readonly action: string;
  readonly source: SourceId;
  /** Conditions whose workup this flag escalates to "now". */
  readonly related: readonly ConditionId[];
  readonly ifUnanswered?: readonly RedFlagQuestion[];
  readonly variants?: readonly RedFlagVariant[];
  /** The action to show when one of these other red flags is raised too (the flag still fires). */
  readonly actionWhen?: { readonly flags: readonly RedFlagId[]; readonly action: string };
  /**
   * More urgent flags for the same problem: when one of them fires, this one is not shown separately (its
   * evidence is already behind the more urgent flag, whose action includes this one's).
   */
  readonly supersededBy?: readonly RedFlagId[];
}

const exam = (finding: ExamFinding): FactPredicate => ({ kind: 'exam', finding, is: true });
const history = (item: HistoryItem): FactPredicate => ({ kind: 'history', item, is: true });
const derived = (id: FactDerivedId): FactPredicate => ({ kind: 'derived', id });
const any = (...of: FactPredicate[]): FactPredicate => ({ kind: 'any', of });
const all = (...of: FactPredicate[]): FactPredicate => ({ kind: 'all', of });
const unanswered = (slot: AnswerSlot): FactPredicate => ({ kind: 'unanswered', slot });

const NOT_RECORDED = 'not recorded means not excluded';

// ---------- shared clauses ----------

const CONSTANT_PAIN: FactPredicate = { kind: 'includes', field: 'timing', anyOf: ['constant'] };
const SYSTEMIC_FEATURE: FactPredicate = any(
  history('weightLoss'),
  history('cancerHistory'),
  history('activeCancer'),
  history('fever'),
  history('ivDrugUseOrImmunosuppression'),
);
/**
 * PAD proven in the symptomatic leg: a current result in the PAD range, or a pulse deficit with PAD on the chart or
 * with a non-compressible ABI (calcified arteries: the ABI cannot exclude PAD and the pulse deficit is the clinical
 * proof until a TBI is done; 2024 ACC/AHA).
 */
const PROVEN_PAD: FactPredicate = any(
  derived('objective-pad-symptomatic-leg'),
  all(
    derived('pulse-deficit-symptomatic-leg'),
    any(derived('pad-on-chart'), derived('abi-noncompressible-symptomatic-leg')),
  ),
);
/**
 * Rest pain attributable to PAD (2024 ACC/AHA): burning toes alone are as typical of neuropathy, so the story needs
 * a feature of ischaemic rest pain (relief by dangling, worse elevated, waking after 1–2 hours) or CLTI-range
 * pressures; tissue loss counts by itself.
 */
const ISCHAEMIC_REST_PAIN: FactPredicate = any(
  derived('ischaemic-rest-pain-feature'),
  all(derived('rest-pain-pattern'), derived('clti-haemodynamics')),
);
const REST_PAIN_OR_TISSUE_LOSS: FactPredicate = any(ISCHAEMIC_REST_PAIN, derived('tissue-loss'));
const EMBOLIC_OR_GRAFT = any(history('atrialFibrillation'), history('priorLegBypassOrStent'));
/**
 * Back or root pain reported now. A spinal diagnosis on the chart (old stenosis, a disc) is not current pain: it
 * never completes a spine emergency trigger on its own; with back pain unanswered it prompts the question instead.
 */
const BACK_OR_ROOT = derived('back-or-root-pain-now');
const ACTIVE_CANCER = history('activeCancer');
const SKIN_INFECTION = derived('skin-infection-signs');
/**
 * Night pain from a bone or spinal lesion has no visible local cause: a swollen or infected leg explains constant
 * pain and fever by itself (the DVT and cellulitis flags cover it). Unknown swelling counts as "no local cause",
 * so an unexamined leg can only make this flag fire, never silence it.
 */
const NO_LOCAL_CAUSE: FactPredicate = all(
  { kind: 'not', of: { kind: 'derived', id: 'one-leg-swollen' } },
  { kind: 'not', of: { kind: 'derived', id: 'skin-infection-signs' } },
);
const CES_EARLY = any(history('bladderSensationOrStreamChange'), history('sexualDysfunction'));
/**
 * GIRFT 2023: new bladder symptoms count with back pain and/or sciatica, but "low back pain with sexual dysfunction as
 * the only other feature is unlikely to be due to CES" — new sexual dysfunction counts with nerve-root pain.
 */
const CES_EARLY_WITH_PAIN = any(
  all(history('bladderSensationOrStreamChange'), BACK_OR_ROOT),
  all(history('sexualDysfunction'), derived('root-pain-now')),
);

export const URGENCY_ORDER: Readonly<Record<Urgency, number>> = { emergency: 0, urgent: 1, soon: 2 };

/** In order of review; output is sorted by urgency (stable, so this order breaks ties). */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  {
    id: 'acute-limb-ischemia',
    urgency: 'emergency',
    when: any(
      all(
        derived('acute-ischaemia-timing'),
        any(derived('limb-hypoperfusion'), derived('cold-leg-deficit-pulses-unchecked')),
      ),
      all(
        derived('ischaemia-timing-unknown'),
        derived('limb-hypoperfusion'),
        any(EMBOLIC_OR_GRAFT, derived('ischaemic-neuro-deficit')),
      ),
      derived('sudden-cold-pale-leg-reported'),
    ),
    context: any(history('atrialFibrillation'), history('priorLegBypassOrStent'), derived('ischaemic-neuro-deficit')),
    message:
      'Possible acute limb ischaemia: a leg that became pulseless and cold, pale or numb within the last 2 weeks threatens the limb within hours.',
    action:
      'Emergency: send to the emergency department for same-hour vascular surgery review; do not wait for an ABI. ' +
      'Record the time of onset, sensation and movement.',
    variants: [
      {
        name: 'Rutherford III (irreversible)',
        when: all(
          { kind: 'choice', field: 'exam.footSensation', anyOf: ['absent'] },
          { kind: 'choice', field: 'exam.footMovement', anyOf: ['paralysed'] },
        ),
        message:
          'Possible acute limb ischaemia, Rutherford III (irreversible): an anaesthetic, paralysed leg within the last 2 weeks.',
      },
      {
        name: 'Rutherford IIb (immediately threatened)',
        when: derived('ischaemic-neuro-deficit'),
        message:
          'Possible acute limb ischaemia, Rutherford IIb (immediately threatened): sensory loss beyond the toes or weakness; revascularisation within hours.',
      },
    ],
    source: 'acc-aha-2024-pad',
    related: ['pad-ischemic-rest-pain'],
    ifUnanswered: [
      {
        when: all(derived('ischaemia-timing-unknown'), derived('limb-hypoperfusion')),
        ask: 'When did the leg become painful at rest, cold or pale?',
        paths: ['restPainDuration'],
        why: `a pulseless cold leg is acute limb ischaemia (emergency) if it began within the last 2 weeks; ${NOT_RECORDED}`,
        evenIfFired: true,
      },
      {
        when: all(
          any(derived('acute-ischaemia-timing'), derived('ischaemia-timing-unknown')),
          any(exam('coolFoot'), exam('pallorOnElevationOrDependentRubor'), derived('ischaemic-neuro-deficit')),
          unanswered('pulses'),
        ),
        ask: 'Check the foot pulses of the affected leg now',
        paths: ['exam.pulsesRight', 'exam.pulsesLeft'],
        why: `a cold, pale or numb leg without pulses is possible acute limb ischaemia (emergency, same-hour vascular review); ${NOT_RECORDED}`,
        evenIfFired: true,
      },
    ],
    supersededBy: [],
  },
  {
    id: 'compartment-syndrome',
    urgency: 'emergency',
    when: all(exam('tenseSwollenCompartment'), any(exam('painOnPassiveStretch'), history('recentTrauma'))),
    message:
      'Possible compartment syndrome: a tense, swollen compartment with pain on passive stretch or after trauma.',
    action: 'Emergency: same-hour surgical (orthopaedic) review for compartment pressure measurement and fasciotomy.',
    source: 'boast-10-compartment',
    related: [],
    ifUnanswered: [
      {
        when: all(
          exam('tenseSwollenCompartment'),
          unanswered('exam.painOnPassiveStretch'),
          unanswered('history.recentTrauma'),
        ),
        ask: 'Pain on passive stretch, and any recent trauma?',
        paths: ['exam.painOnPassiveStretch', 'history.recentTrauma'],
        why: `a tense, swollen compartment with either one is possible compartment syndrome (emergency fasciotomy review); ${NOT_RECORDED}`,
      },
      {
        when: all(exam('painOnPassiveStretch'), history('recentTrauma'), unanswered('exam.tenseSwollenCompartment')),
        ask: 'Is the compartment tense and swollen?',
        paths: ['exam.tenseSwollenCompartment'],
        why: `pain on passive stretch after trauma with a tense compartment is possible compartment syndrome (emergency); ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'necrotising-soft-tissue-infection',
    urgency: 'emergency',
    when: all(
      any(SKIN_INFECTION, exam('warmth'), history('fever')),
      any(exam('crepitusBullaeOrNecrosis'), all(exam('painOutOfProportion'), any(SKIN_INFECTION, exam('warmth')))),
    ),
    context: any(exam('rapidlySpreadingRedness'), history('fever'), derived('tachycardia-or-hypoxia')),
    message:
      'Possible necrotising soft-tissue infection: crepitus, bullae or dusky skin, or pain out of proportion to an infected-looking leg.',
    action:
      'Emergency: same-hour surgical review for exploration and debridement, blood cultures and broad-spectrum ' +
      'antibiotics; do not wait for imaging.',
    source: 'idsa-2014-ssti',
    related: ['cellulitis'],
    ifUnanswered: [
      {
        when: all(
          SKIN_INFECTION,
          history('fever'),
          unanswered('exam.painOutOfProportion'),
          unanswered('exam.crepitusBullaeOrNecrosis'),
        ),
        ask: 'Pain out of proportion, crepitus, bullae or dusky skin?',
        paths: ['exam.painOutOfProportion', 'exam.crepitusBullaeOrNecrosis'],
        why: `an infected leg with fever and any of these is a possible necrotising infection (emergency); ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'possible-pulmonary-embolism',
    urgency: 'emergency',
    when: any(
      history('breathlessnessNewOrWorse'),
      history('haemoptysisOrSyncope'),
      all(
        history('dyspnoeaOrChestPain'),
        unanswered('history.breathlessnessNewOrWorse'),
        derived('tachycardia-or-hypoxia'),
      ),
      /*
       * Two-level PE Wells (NICE NG158): clinical signs of DVT (3) + heart rate > 100 (1.5) is already "PE likely"
       * (> 4), and hypoxia is a PE sign; only an explicit "no breathlessness or chest pain" stands them down.
       */
      all(
        derived('dvt-clinical-signs'),
        derived('tachycardia-or-hypoxia'),
        any(history('dyspnoeaOrChestPain'), unanswered('history.dyspnoeaOrChestPain')),
      ),
    ),
    context: any(derived('one-leg-swollen'), exam('deepVeinTenderness'), derived('tachycardia-or-hypoxia')),
    message:
      'Possible pulmonary embolism: leg symptoms with new or worse breathlessness or chest pain, coughing blood, fainting, or signs of DVT with tachycardia or low oxygen saturation.',
    action: 'Emergency: call emergency services / send to the emergency department now for PE assessment.',
    source: 'nice-ng158-vte',
    related: ['deep-vein-thrombosis'],
    ifUnanswered: [
      {
        when: all(history('dyspnoeaOrChestPain'), unanswered('history.breathlessnessNewOrWorse')),
        ask: 'Is the breathlessness or chest pain new or worse than usual?',
        paths: ['history.breathlessnessNewOrWorse'],
        why: `new or worse breathlessness or chest pain with leg symptoms is possible pulmonary embolism (emergency); long-standing stable breathlessness is not; ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'cauda-equina',
    urgency: 'emergency',
    when: any(
      exam('saddleAnaesthesia'),
      exam('bladderOrBowelChange'),
      history('bilateralSciatica'),
      // GIRFT: bilateral radicular symptoms new within 14 days; the story says so when the problem is that new.
      all(
        derived('bilateral-radicular-pattern'),
        { kind: 'duration', op: '<=', weeks: 2 },
        unanswered('history.bilateralSciatica'),
      ),
      CES_EARLY_WITH_PAIN,
      all(exam('progressiveWeakness'), { kind: 'choice', field: 'side', anyOf: ['both'] }, BACK_OR_ROOT),
    ),
    message:
      'Possible cauda equina syndrome: saddle numbness, bladder, bowel or sexual change, or radicular symptoms in both legs.',
    action:
      'Emergency: same-day emergency MRI of the lumbar spine and spinal surgery review (GIRFT pathway); check ' +
      'post-void residual urine volume.',
    source: 'girft-2023-ces',
    related: ['lumbar-radiculopathy'],
    ifUnanswered: [
      {
        when: all(derived('bilateral-radicular-pattern'), unanswered('history.bilateralSciatica')),
        ask: 'Is the sciatica-type pain in both legs new?',
        paths: ['history.bilateralSciatica'],
        why: `new radicular symptoms in both legs are suspected cauda equina (emergency MRI), long-standing bilateral stenosis symptoms are not; ${NOT_RECORDED}`,
      },
      {
        when: all(BACK_OR_ROOT, unanswered('exam.saddleAnaesthesia')),
        ask: 'Numbness in the saddle area?',
        paths: ['exam.saddleAnaesthesia'],
        why: `with back or radicular pain, saddle numbness means suspected cauda equina (emergency MRI); ${NOT_RECORDED}`,
      },
      {
        when: all(
          BACK_OR_ROOT,
          unanswered('exam.bladderOrBowelChange'),
          unanswered('history.bladderSensationOrStreamChange'),
        ),
        ask: 'Any new bladder change (retention, incontinence, reduced sensation, hesitancy, poor stream) or bowel change?',
        paths: ['exam.bladderOrBowelChange', 'history.bladderSensationOrStreamChange'],
        why: `with back or radicular pain, even early bladder symptoms mean suspected cauda equina (emergency MRI); ${NOT_RECORDED}`,
      },
      {
        when: all(CES_EARLY, unanswered('history.backPain')),
        ask: 'Is there back pain or sciatica?',
        paths: ['history.backPain'],
        why: `new bladder or sexual symptoms with back pain or sciatica mean suspected cauda equina (emergency MRI); ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'spinal-infection',
    urgency: 'emergency',
    when: any(
      all(history('fever'), history('ivDrugUseOrImmunosuppression'), BACK_OR_ROOT),
      // IDSA 2015 NVO: new or worsening back pain with a bloodstream infection or endocarditis, fever or not.
      all(history('recentBacteraemia'), BACK_OR_ROOT),
    ),
    message:
      'Suspected spinal infection (epidural abscess, discitis, osteomyelitis): back or root pain after a recent bloodstream infection (with or without fever), or with fever in a patient who injects drugs or is immunosuppressed.',
    action:
      'Emergency: same-day MRI of the whole spine with contrast, blood cultures before antibiotics, and inflammatory markers.',
    source: 'idsa-2015-nvo',
    related: ['lumbar-radiculopathy'],
    ifUnanswered: [
      {
        when: all(
          history('fever'),
          BACK_OR_ROOT,
          unanswered('history.ivDrugUseOrImmunosuppression'),
          unanswered('history.recentBacteraemia'),
        ),
        ask: 'IV drug use, immunosuppression, or a recent bloodstream infection?',
        paths: ['history.ivDrugUseOrImmunosuppression', 'history.recentBacteraemia'],
        why: `fever with back pain in any of these is a suspected spinal infection (emergency MRI with contrast); ${NOT_RECORDED}`,
      },
      {
        when: all(
          any(all(history('fever'), history('ivDrugUseOrImmunosuppression')), history('recentBacteraemia')),
          unanswered('history.backPain'),
        ),
        ask: 'Is there back pain?',
        paths: ['history.backPain'],
        why: `new back pain after a bloodstream infection, or with fever in this patient, is a suspected spinal infection (emergency MRI with contrast); a spinal diagnosis on the chart is not current pain; ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'suspected-dvt',
    urgency: 'urgent',
    when: any(
      exam('massiveSwellingBlueOrWhiteLeg'),
      derived('wells-likely-with-leg-finding'),
      all(
        derived('one-leg-swollen'),
        any(
          { kind: 'choice', field: 'onset', anyOf: ['sudden'] },
          exam('deepVeinTenderness'),
          exam('warmth'),
          exam('redness'),
        ),
        any(
          { kind: 'history', item: 'alternativeDiagnosisAsLikely', is: false },
          unanswered('history.alternativeDiagnosisAsLikely'),
        ),
      ),
    ),
    message:
      'Suspected deep vein thrombosis: one leg swollen with sudden onset, warmth, redness or deep-vein tenderness and no more likely explanation, or a "likely" Wells score.',
    action:
      'Same-day assessment: proximal leg-vein ultrasound with the result within 4 hours whatever the Wells score; ' +
      'if it cannot be done within 4 hours, a D-dimer and interim therapeutic anticoagulation, scan within 24 hours ' +
      '(NICE NG158). A negative D-dimer does not exclude DVT while this flag stands. Do not massage the leg.',
    variants: [
      {
        name: 'phlegmasia',
        when: exam('massiveSwellingBlueOrWhiteLeg'),
        urgency: 'emergency',
        message:
          'Possible phlegmasia (massive iliofemoral DVT): a massively swollen, blue or white leg threatens the limb.',
        action:
          'Emergency: send to the emergency department now for immediate anticoagulation, duplex and vascular review ' +
          '(thrombolysis or thrombectomy may be needed).',
      },
      {
        name: 'on anticoagulation (treatment failure)',
        when: derived('anticoagulated'),
        action:
          'Same-day proximal leg-vein ultrasound. A new DVT on anticoagulation is treatment failure: check adherence, ' +
          'dose and interacting drugs, consider cancer or antiphospholipid syndrome, and seek thrombosis advice. A ' +
          'D-dimer means nothing on anticoagulation. Do not massage the leg.',
      },
    ],
    source: 'nice-ng158-vte',
    related: ['deep-vein-thrombosis'],
    ifUnanswered: [
      {
        when: all(derived('one-leg-swollen'), any(unanswered('onset'), unanswered('exam.deepVeinTenderness'))),
        ask: 'Did the swelling start suddenly, and is there tenderness along the deep veins?',
        paths: ['onset', 'exam.deepVeinTenderness'],
        why: `a swollen leg with sudden onset or deep-vein tenderness (or warmth or redness) is a suspected DVT (same-day ultrasound); ${NOT_RECORDED}`,
      },
    ],
  },
  {
    id: 'chronic-limb-threatening-ischemia',
    urgency: 'urgent',
    when: any(
      all(REST_PAIN_OR_TISSUE_LOSS, PROVEN_PAD),
      all(derived('tissue-loss'), derived('pulse-deficit-symptomatic-leg')),
      exam('gangrene'),
      { kind: 'condition', concepts: ['gangrene'], activeOnly: true },
    ),
    context: any(derived('clti-haemodynamics'), exam('ulcerInfected')),
    message:
      'Suspected chronic limb-threatening ischaemia: rest pain, a non-healing wound or gangrene with objectively proven PAD in the symptomatic leg.',
    action:
      'Urgent vascular surgery referral (same day to days when there is tissue loss or infection); toe pressure or ' +
      'TBI to stage it, arterial duplex and wound care.',
    variants: [
      {
        name: 'infected tissue loss',
        when: exam('ulcerInfected'),
        action:
          'Same-day vascular surgery review: tissue loss with infection in an ischaemic foot; antibiotics, ' +
          'offloading and wound care, toe pressure or TBI and arterial duplex.',
      },
      {
        // Rest pain without a wound: "wound care" and "stage it" would not be signed as written (issue 12 review).
        name: 'rest pain without tissue loss',
        when: { kind: 'not', of: { kind: 'derived', id: 'tissue-loss' } },
        action:
          'Urgent vascular surgery referral (same day if a wound, infection or colour change appears); arterial ' +
          'duplex to plan revascularisation, and a toe pressure or TBI if none is current.',
      },
    ],
    source: 'gvg-2019-clti',
    related: ['pad-ischemic-rest-pain'],
    supersededBy: ['acute-limb-ischemia'],
    ifUnanswered: [
      {
        when: all(derived('rest-pain-pattern'), unanswered('restPainDuration')),
        ask: 'How long has the pain at rest been present?',
        paths: ['restPainDuration'],
        why: 'rest pain for 2 weeks or more with proven PAD is CLTI (urgent referral), under 2 weeks it may be acute ischaemia; the flag is raised meanwhile because an unknown duration never silences it',
        evenIfFired: true,
      },
      {
        when: all(
          derived('rest-pain-pattern'),
          PROVEN_PAD,
          { kind: 'not', of: { kind: 'derived', id: 'ischaemic-rest-pain-feature' } },
          any(unanswered('relievedBy'), unanswered('worsenedBy'), unanswered('timing')),
        ),
        ask: 'Does hanging the leg down ease the pain, raising it worsen it, or does it wake the patient 1–2 hours after lying down?',
        paths: ['relievedBy', 'worsenedBy', 'timing'],
        why: `burning or aching toes with proven PAD are ischaemic rest pain (CLTI, urgent vascular referral) when the pain behaves ischaemically; neuropathy burns the same toes; ${NOT_RECORDED}`,
      },
      {
        // Launched for pain at rest with CLTI-range pressures on file, before the pain has been described: the flag
        // cannot fire on a guess, and "no red flag yet" must not read as reassurance; the pattern is asked first.
        when: all(
          PROVEN_PAD,
          derived('clti-haemodynamics'),
          { kind: 'not', of: { kind: 'derived', id: 'rest-pain-pattern' } },
          { kind: 'not', of: { kind: 'derived', id: 'tissue-loss' } },
          unanswered('relievedBy'),
          unanswered('worsenedBy'),
          unanswered('timing'),
        ),
        ask: 'Pressures on file are in the CLTI range: does hanging the leg down ease the pain, raising it worsen it, or does it wake the patient 1–2 hours after lying down?',
        paths: ['relievedBy', 'worsenedBy', 'timing'],
        why: `a current ABI < ${CLTI.abiBelow.toFixed(2)}, ankle pressure < ${CLTI.anklePressureBelow} mmHg or toe pressure or TcPO2 < ${CLTI.toePressureBelow} mmHg with proven PAD: pain at rest that behaves ischaemically in that leg is CLTI (urgent vascular referral), or acute ischaemia if under 2 weeks; ${NOT_RECORDED}`,
      },
      {
        when: all(REST_PAIN_OR_TISSUE_LOSS, derived('pad-result-stale-or-other-leg')),
        ask: 'Repeat the ABI and toe pressure or TBI of the symptomatic leg',
        paths: ['measurements.abiRight', 'measurements.abiLeft'],
        why: 'the only PAD-range result on file is old or from the other leg: it can neither raise nor rule out CLTI in this leg',
      },
      {
        when: all(REST_PAIN_OR_TISSUE_LOSS, derived('limb-perfusion-unknown')),
        ask: 'Foot pulses and ABI of the symptomatic leg, now',
        paths: ['exam.pulsesRight', 'exam.pulsesLeft', 'measurements.abiRight', 'measurements.abiLeft'],
        why: `rest pain or a wound with proven PAD is chronic limb-threatening ischaemia (urgent vascular referral); perfusion ${NOT_RECORDED.replace('not recorded', 'not checked')}`,
      },
    ],
  },
  {
    id: 'cellulitis',
    urgency: 'urgent',
    when: all(
      SKIN_INFECTION,
      any(exam('warmth'), { kind: 'condition', concepts: ['cellulitis'], activeOnly: true }),
      history('fever'),
    ),
    context: derived('tachycardia-or-hypoxia'),
    message: 'Cellulitis with systemic features: a red, warm leg with fever (DVT can look the same).',
    action:
      'Same-day clinical review for antibiotics; mark the margin; emergency if pain is out of proportion or the skin ' +
      'blisters, crepitates or turns dusky (necrotising infection).',
    source: 'idsa-2014-ssti',
    related: ['cellulitis'],
    supersededBy: ['necrotising-soft-tissue-infection'],
    ifUnanswered: [
      {
        when: all(exam('redness'), exam('warmth'), unanswered('history.fever')),
        ask: 'Fever?',
        paths: ['history.fever'],
        why: `a red, warm leg with fever is cellulitis with systemic features (same-day review); ${NOT_RECORDED}`,
      },
      {
        when: all(exam('redness'), history('fever'), unanswered('exam.warmth')),
        ask: 'Is the red leg warm?',
        paths: ['exam.warmth'],
        why: `a red, warm leg with fever is cellulitis with systemic features (same-day review; DVT can look the same); ${NOT_RECORDED}`,
      },
    ],
  },
  /*
   * Only NEW or progressive foot drop is a red flag (reference §4.3). Weak dorsiflexion alone is an exam grade,
   * not a statement that it is new, so it is shown as context but never fires the flag on its own.
   * Bilateral progressive weakness with a radicular context fires cauda equina instead.
   */
  {
    id: 'progressive-foot-drop',
    urgency: 'urgent',
    when: any(exam('footDrop'), exam('progressiveWeakness')),
    context: exam('weakDorsiflexionEversion'),
    message:
      'New or progressive foot drop or leg weakness: a severe or progressive motor deficit that needs prompt localisation.',
    action:
      'Urgent (days): neurology review; prompt MRI of the lumbar spine when the deficit may be radicular (ACP/ACR); ' +
      'EMG/NCS once about 3 weeks have passed since onset; ankle-foot orthosis if tripping.',
    source: 'acp-2007-deficit',
    related: ['peroneal-neuropathy', 'lumbar-radiculopathy'],
    // Bilateral progressive weakness with back pain is cauda equina: its emergency MRI covers the deficit.
    supersededBy: ['cauda-equina'],
  },
  {
    id: 'night-pain-malignancy-infection',
    urgency: 'urgent',
    when: any(
      all(CONSTANT_PAIN, derived('no-positional-relief'), SYSTEMIC_FEATURE, NO_LOCAL_CAUSE),
      // NICE NG234: spinal pain in a person with cancer may be spinal metastases, whatever relieves it.
      all(ACTIVE_CANCER, BACK_OR_ROOT),
    ),
    variants: [
      {
        name: 'active cancer with back or root pain (NICE NG234)',
        when: all(ACTIVE_CANCER, BACK_OR_ROOT),
        message: 'Back or nerve-root pain in a patient with active cancer: suspect spinal metastases (NICE NG234).',
        action:
          'Urgent: discuss with the acute oncology (MSCC) team within 24 hours and arrange MRI of the whole spine ' +
          'within 1 week; the same day, as suspected spinal cord or cauda equina compression, if there is radicular ' +
          'pain, weakness, sensory loss, difficulty walking or bladder or bowel change (NICE NG234).',
      },
    ],
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
    supersededBy: ['spinal-infection'],
    ifUnanswered: [
      {
        when: all(ACTIVE_CANCER, unanswered('history.backPain'), {
          kind: 'not',
          of: { kind: 'derived', id: 'back-or-root-pain-now' },
        }),
        ask: 'Is there back or spine pain?',
        paths: ['history.backPain'],
        why: `back or nerve-root pain in a patient with active cancer suggests spinal metastases (NICE NG234: MRI of the whole spine within 1 week, within 24 hours with neurological symptoms); ${NOT_RECORDED}`,
      },
      {
        when: all(CONSTANT_PAIN, derived('relief-not-recorded'), SYSTEMIC_FEATURE),
        ask: 'Does any position relieve the constant night pain?',
        paths: ['relievedBy'],
        why: `the pain is constant and there is weight loss, cancer, fever, IV drug use or immunosuppression: if no position eases it, this is a red flag for malignancy or infection (urgent MRI within days); ${NOT_RECORDED}`,
      },
      {
        when: all(unanswered('timing'), derived('no-positional-relief'), SYSTEMIC_FEATURE),
        ask: 'Is the night pain constant?',
        paths: ['timing'],
        why: `no position relieves it and there is weight loss, cancer, fever, IV drug use or immunosuppression: constant pain would make this a red flag for malignancy or infection (urgent MRI within days); ${NOT_RECORDED}`,
      },
    ],
  },
];

export const RED_FLAG_RULE_BY_ID: ReadonlyMap<RedFlagId, RedFlagRule> = new Map(RED_FLAG_RULES.map((r) => [r.id, r]));

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

/**
 * Evaluates every red-flag rule. Never consults a score (the context has none); sorted emergency → urgent → soon.
 * Variants apply first, then `actionWhen` and `supersededBy`, which read only which flags fired.
 */
export function evaluateRedFlags(ctx: FactContext): RedFlag[] {
  const fired: RedFlag[] = [];
  for (const rule of RED_FLAG_RULES) {
    if (!holdsFact(rule.when, ctx)) continue;
    const matches = evaluateFact(rule.when, ctx);
    if (!matches) continue;
    const ruleId = `red-flag.${rule.id}`;
    const evidence: Evidence[] = [];
    addEvidence(evidence, matches, ruleId);
    if (rule.context) {
      const extra = evaluateFact(rule.context, ctx);
      if (extra) addEvidence(evidence, extra, ruleId);
    }
    let flag: RedFlag = { id: rule.id, urgency: rule.urgency, message: rule.message, action: rule.action, evidence };
    for (const v of rule.variants ?? []) {
      if (!holdsFact(v.when, ctx)) continue;
      const m = evaluateFact(v.when, ctx);
      if (!m) continue;
      addEvidence(evidence, m, ruleId);
      flag = {
        ...flag,
        ...(v.urgency ? { urgency: v.urgency } : {}),
        ...(v.message ? { message: v.message } : {}),
        ...(v.action ? { action: v.action } : {}),
      };
      break;
    }
    fired.push(flag);
  }
  const ids = new Set(fired.map((f) => f.id));
  const out: RedFlag[] = [];
  for (const f of fired) {
    const rule = RED_FLAG_RULE_BY_ID.get(f.id)!;
    if (rule.supersededBy?.some((id) => ids.has(id))) continue;
    const alt = rule.actionWhen;
    out.push(alt && alt.flags.some((id) => ids.has(id)) ? { ...f, action: alt.action } : f);
  }
  return out.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency]);
}

/**
 * A per-leg question names the leg it is about: with one symptomatic leg, the other leg's form paths (`…Right` /
 * `…Left`) are dropped and "the affected leg" becomes "the left leg" (a question about the wrong leg is noise).
 */
function forSymptomaticLegs(q: RedFlagQuestion, ctx: FactContext): { ask: string; paths: readonly string[] } {
  const side = ctx.form.side;
  if (side !== 'left' && side !== 'right') return q;
  const other = side === 'left' ? 'Right' : 'Left';
  const paths = q.paths.filter((p) => !p.endsWith(other));
  return { ask: q.ask.replace('the affected leg', `the ${side} leg`), paths: paths.length > 0 ? paths : q.paths };
}

/**
 * Questions whose answer decides a red flag: for each rule whose trigger holds except for an unanswered item,
 * one MissingData item naming what to ask and why (and, for "flag and ask" questions, even when it fired).
 * Never consults a score. `fired` is the set of raised flags (after supersession, as shown).
 */
export function redFlagQuestions(ctx: FactContext, fired: ReadonlySet<RedFlagId>): MissingData[] {
  const out: MissingData[] = [];
  for (const rule of RED_FLAG_RULES) {
    for (const q of rule.ifUnanswered ?? []) {
      if (fired.has(rule.id) && !q.evenIfFired) continue;
      if (!holdsFact(q.when, ctx)) continue;
      const { ask, paths } = forSymptomaticLegs(q, ctx);
      const concept = `${ask} (${paths[0]})`;
      out.push({
        concept,
        why: q.why,
        paths,
        ...(rule.related.length > 0 ? { for: rule.related } : {}),
      });
    }
  }
  return out;
}
