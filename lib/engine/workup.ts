/**
 * Workup planner: what to order or arrange next, per condition (reference §4 "Workup" rows) and per red flag.
 *
 * Plans for red flags (priority "now"), for conditions ranked "moderate" or "high" (priority "soon"), and for
 * the top-ranked condition even when it is only "low" (priority "routine"), so an unclear picture still gets a
 * plan; conditions tied with it share that place. Other "low" conditions get no orders: listing every routine
 * test of every outside chance is noise that buries the plan (six cramp labs for a CLTI patient). Their cheap
 * discriminating tests stay visible as missing data in each candidate's `missing` list ("what would change
 * this"), never as orders. A result that is recent on file is shown as `alreadyOnFile` instead of being
 * re-ordered; a stale one is suggested again. Items are deduplicated across conditions (their `for` lists
 * merge, the highest priority wins).
 * LOINC codes are given only for orderable labs verified in the reference; imaging and procedures carry none.
 */
import type { ConditionId, Likelihood, RedFlag, RedFlagId, WellsScore, WorkupItem, WorkupPriority } from './assessment';
import { type EvalContext, measuresOf } from './context';
import type { LabConcept, VascularConcept } from './facts';
import { capitalise, capitaliseStatic, formatValue, isoDay } from './format';
import { OBSERVATION_LABELS } from './labels';
import { recentDDimerResult } from './predicates';
import { RED_FLAG_RULE_BY_ID } from './red-flags';
import { abiBand } from './vascular';

const LOINC = 'http://loinc.org';

interface CatalogueEntry {
  readonly label: string;
  readonly loinc?: string;
  /** A fresh result of this concept on file means "already done". */
  readonly lab?: LabConcept;
  readonly vascular?: readonly VascularConcept[];
}

export const WORKUP_CATALOGUE = {
  abi: { label: 'Resting ABI with waveforms, both legs', vascular: ['abi'] },
  'toe-pressure-tbi': { label: 'Toe pressure / TBI with waveforms', vascular: ['tbi', 'toe-pressure'] },
  tcpo2: { label: 'TcPO2 or skin perfusion pressure', vascular: ['tcpo2'] },
  'arterial-duplex': { label: 'Arterial duplex ultrasound (CTA/MRA if revascularisation is considered)' },
  'vascular-referral': { label: 'Vascular surgery referral (CLTI team) and wound care' },
  'emergency-vascular': { label: 'Emergency vascular surgery review (emergency department)' },
  'lipid-panel': { label: 'Lipid panel' },
  hba1c: { label: 'HbA1c', loinc: '4548-4', lab: 'hba1c' },
  glucose: { label: 'Glucose (serum/plasma)', loinc: '2345-7', lab: 'glucose' },
  creatinine: { label: 'Creatinine', loinc: '2160-0', lab: 'creatinine' },
  egfr: { label: 'eGFR (CKD-EPI 2021)', loinc: '98979-8', lab: 'egfr' },
  cbc: { label: 'CBC / haemoglobin', loinc: '718-7', lab: 'hemoglobin' },
  ferritin: { label: 'Ferritin (morning, no iron for 24 h)', loinc: '2276-4', lab: 'ferritin' },
  iron: { label: 'Serum iron', loinc: '2498-4', lab: 'iron' },
  tibc: { label: 'TIBC', loinc: '2500-7', lab: 'tibc' },
  tsat: { label: 'Transferrin saturation', loinc: '2502-3', lab: 'transferrin-saturation' },
  potassium: { label: 'Potassium', loinc: '2823-3', lab: 'potassium' },
  magnesium: { label: 'Magnesium', loinc: '19123-9', lab: 'magnesium' },
  calcium: { label: 'Calcium', loinc: '17861-6', lab: 'calcium' },
  tsh: { label: 'TSH', loinc: '3016-3', lab: 'tsh' },
  b12: { label: 'Vitamin B12', loinc: '2132-9', lab: 'vitamin-b12' },
  'd-dimer': { label: 'High-sensitivity D-dimer', loinc: '48065-7', lab: 'd-dimer' },
  'compression-ultrasound': { label: 'Compression ultrasound of the leg veins (proximal or whole-leg)' },
  coagulation: { label: 'PT/INR and aPTT before anticoagulation' },
  'emergency-pe': { label: 'Emergency assessment for pulmonary embolism (emergency department)' },
  'mri-lumbar': { label: 'MRI lumbar spine without contrast' },
  'emergency-mri-lumbar': { label: 'Emergency MRI lumbar spine and spinal surgery review' },
  'mri-urgent': { label: 'Urgent MRI of the symptomatic region with inflammatory markers' },
  'emg-ncs': { label: 'EMG / nerve conduction studies' },
  'monofilament-exam': { label: 'Foot exam with 10 g monofilament and vibration sense' },
  'venous-duplex': { label: 'Venous duplex with reflux study' },
  'medication-review': { label: 'Medication review for culprit drugs' },
  'same-day-review': { label: 'Same-day clinical review (infection)' },
  'compartment-review': { label: 'Emergency surgical review for compartment pressures' },
} as const satisfies Record<string, CatalogueEntry>;

export type WorkupId = keyof typeof WORKUP_CATALOGUE;

export interface PlanContext {
  readonly ctx: EvalContext;
  readonly wells: WellsScore;
  readonly likelihood: ReadonlyMap<ConditionId, Likelihood>;
  /** Scores, to recognise the top-ranked condition and those tied with it. */
  readonly scores: ReadonlyMap<ConditionId, number>;
  readonly redFlags: readonly RedFlag[];
  /** The suspected-DVT or possible-PE red flag is raised. */
  readonly dvtRedFlag?: boolean;
}

interface Step {
  readonly item: WorkupId;
  readonly reason: string;
  readonly onlyIf?: (p: PlanContext) => boolean;
}

const atLeastModerate = (id: ConditionId) => (p: PlanContext) => {
  const l = p.likelihood.get(id);
  return l === 'high' || l === 'moderate';
};
const coded = (p: PlanContext, concept: 'diabetes' | 'ckd' | 'esrd') => p.ctx.conditions.has(concept);
const hasNoncompressible = (p: PlanContext) =>
  measuresOf(p.ctx, 'abi').some((m) => abiBand(m.value) === 'noncompressible');
const hasAbnormalAbi = (p: PlanContext) => measuresOf(p.ctx, 'abi').some((m) => abiBand(m.value) === 'abnormal');
const woundOnExam = (p: PlanContext) => p.ctx.form.exam?.ulcer === true || p.ctx.form.exam?.gangrene === true;

/** A settled "unlikely" Wells: even with every unknown item positive it stays ≤ 1. */
const wellsSettledUnlikely = (p: PlanContext) => p.wells.band === 'unlikely' && p.wells.complete !== false;
const wellsIncomplete = (p: PlanContext) => p.wells.band === 'unlikely' && p.wells.complete === false;

/**
 * DVT pathway (ASH 2018): D-dimer first when unlikely, ultrasound when likely or D-dimer positive. An
 * incomplete Wells (unknown items could take it to ≥ 2) is not "unlikely": ultrasound is planned, because a
 * negative D-dimer would exclude nothing.
 */
function dvtSteps(): Step[] {
  return [
    {
      item: 'd-dimer',
      reason: 'Wells "unlikely": a negative high-sensitivity D-dimer excludes DVT (ASH 2018)',
      onlyIf: (p) => wellsSettledUnlikely(p) && p.dvtRedFlag !== true,
    },
    {
      item: 'compression-ultrasound',
      reason: 'Wells "likely": go straight to compression ultrasound (ASH 2018)',
      onlyIf: (p) => p.wells.band === 'likely',
    },
    {
      item: 'compression-ultrasound',
      reason: 'Wells is incomplete (unknown items could make it "likely"): a negative D-dimer would exclude nothing',
      onlyIf: wellsIncomplete,
    },
    {
      item: 'compression-ultrasound',
      reason: 'the recent D-dimer is positive: compression ultrasound next (ASH 2018)',
      onlyIf: (p) => p.wells.band === 'unlikely' && recentDDimerResult(p.ctx)?.positive === true,
    },
    {
      item: 'compression-ultrasound',
      reason: 'if the D-dimer is positive (ASH 2018)',
      onlyIf: (p) => wellsSettledUnlikely(p) && recentDDimerResult(p.ctx) === undefined,
    },
  ];
}

export const CONDITION_WORKUP: Readonly<Record<ConditionId, readonly Step[]>> = {
  'pad-ischemic-rest-pain': [
    { item: 'abi', reason: 'resting ABI is the first test when history or exam suggests PAD (Class 1)' },
    {
      item: 'toe-pressure-tbi',
      reason: 'ABI > 1.40 is noncompressible: toe pressure / TBI is needed to assess perfusion',
      onlyIf: hasNoncompressible,
    },
    {
      item: 'toe-pressure-tbi',
      reason: 'a normal-looking ABI does not exclude CLTI in diabetes or CKD',
      onlyIf: (p) =>
        atLeastModerate('pad-ischemic-rest-pain')(p) &&
        !hasAbnormalAbi(p) &&
        (coded(p, 'diabetes') || coded(p, 'ckd') || coded(p, 'esrd')),
    },
    { item: 'tcpo2', reason: 'a wound is present: TcPO2 or SPP grades healing potential', onlyIf: woundOnExam },
    {
      item: 'arterial-duplex',
      reason: 'anatomy for revascularisation planning',
      onlyIf: atLeastModerate('pad-ischemic-rest-pain'),
    },
    { item: 'hba1c', reason: 'diabetes control (PAD risk)', onlyIf: atLeastModerate('pad-ischemic-rest-pain') },
    {
      item: 'creatinine',
      reason: 'renal function before contrast imaging',
      onlyIf: atLeastModerate('pad-ischemic-rest-pain'),
    },
    {
      item: 'egfr',
      reason: 'renal function before contrast imaging',
      onlyIf: atLeastModerate('pad-ischemic-rest-pain'),
    },
    { item: 'cbc', reason: 'anaemia worsens ischaemia', onlyIf: atLeastModerate('pad-ischemic-rest-pain') },
    {
      item: 'lipid-panel',
      reason: 'guideline-directed statin therapy',
      onlyIf: atLeastModerate('pad-ischemic-rest-pain'),
    },
  ],
  'lumbar-radiculopathy': [
    {
      item: 'mri-lumbar',
      reason:
        'symptoms ≥ 6 weeks: MRI only if the patient is a candidate for surgery or epidural injection (no routine imaging before 6 weeks without red flags)',
      onlyIf: (p) => atLeastModerate('lumbar-radiculopathy')(p) && (p.ctx.form.durationWeeks ?? 0) >= 6,
    },
    {
      item: 'emg-ncs',
      reason: 'to separate L5 radiculopathy from peroneal entrapment',
      onlyIf: (p) => p.likelihood.get('peroneal-neuropathy') !== 'unlikely',
    },
  ],
  'peroneal-neuropathy': [
    { item: 'emg-ncs', reason: 'localises the lesion (fibular head vs L5 vs sciatic) and grades axonal loss' },
    { item: 'hba1c', reason: 'diabetes makes nerves vulnerable to compression' },
    { item: 'b12', reason: 'B12 deficiency if a polyneuropathy is possible' },
  ],
  'nocturnal-leg-cramps': [
    { item: 'potassium', reason: 'hypokalaemia causes cramps' },
    { item: 'magnesium', reason: 'hypomagnesaemia causes cramps' },
    { item: 'calcium', reason: 'low calcium causes cramps' },
    { item: 'creatinine', reason: 'CKD is associated with cramps' },
    { item: 'egfr', reason: 'CKD is associated with cramps' },
    { item: 'glucose', reason: 'diabetes is associated with cramps' },
    { item: 'tsh', reason: 'hypothyroidism is associated with cramps' },
    {
      item: 'medication-review',
      reason: 'diuretics, statins, LABA, oestrogens/raloxifene are cramp-associated (no quinine)',
    },
  ],
  'restless-legs-syndrome': [
    { item: 'ferritin', reason: 'iron if ferritin ≤ 75 µg/L (AASM 2024)' },
    { item: 'iron', reason: 'for transferrin saturation (iron if TSAT < 20 %)' },
    { item: 'tibc', reason: 'for transferrin saturation (iron if TSAT < 20 %)' },
    { item: 'tsat', reason: 'iron if TSAT < 20 % (AASM 2024)' },
    { item: 'cbc', reason: 'iron-deficiency anaemia' },
    { item: 'creatinine', reason: 'CKD/ESRD is a secondary cause of RLS' },
    { item: 'egfr', reason: 'CKD/ESRD is a secondary cause of RLS' },
    {
      item: 'medication-review',
      reason: 'antihistamines, serotonergic antidepressants and dopamine antagonists worsen RLS',
    },
  ],
  'deep-vein-thrombosis': [
    ...dvtSteps(),
    { item: 'cbc', reason: 'baseline before anticoagulation', onlyIf: (p) => p.wells.band === 'likely' },
    { item: 'creatinine', reason: 'dosing before anticoagulation', onlyIf: (p) => p.wells.band === 'likely' },
    { item: 'coagulation', reason: 'baseline before anticoagulation', onlyIf: (p) => p.wells.band === 'likely' },
  ],
  'diabetic-peripheral-neuropathy': [
    { item: 'hba1c', reason: 'glycaemic control drives neuropathy' },
    { item: 'b12', reason: 'B12 deficiency (especially on metformin) mimics or worsens neuropathy' },
    { item: 'tsh', reason: 'hypothyroidism causes neuropathy' },
    { item: 'creatinine', reason: 'uraemia adds to neuropathy' },
    { item: 'egfr', reason: 'uraemia adds to neuropathy' },
    { item: 'monofilament-exam', reason: 'confirms loss of protective sensation' },
    { item: 'abi', reason: 'PAD often coexists with diabetic neuropathy' },
  ],
  'venous-insufficiency': [
    { item: 'venous-duplex', reason: 'confirms reflux' },
    { item: 'abi', reason: 'check ABI before compression stockings' },
  ],
};

export const RED_FLAG_WORKUP: Readonly<Record<RedFlagId, readonly Step[]>> = {
  'acute-limb-ischemia': [{ item: 'emergency-vascular', reason: 'possible acute limb ischaemia' }],
  'chronic-limb-threatening-ischemia': [
    { item: 'vascular-referral', reason: 'chronic limb-threatening ischaemia' },
    { item: 'arterial-duplex', reason: 'anatomy for revascularisation' },
    { item: 'tcpo2', reason: 'tissue loss: healing potential', onlyIf: woundOnExam },
  ],
  'suspected-dvt': [
    {
      item: 'compression-ultrasound',
      reason: 'suspected DVT: same-day compression ultrasound whatever the Wells score or D-dimer',
    },
    ...dvtSteps(),
  ],
  'possible-pulmonary-embolism': [{ item: 'emergency-pe', reason: 'possible pulmonary embolism' }],
  'cauda-equina': [{ item: 'emergency-mri-lumbar', reason: 'possible cauda equina syndrome' }],
  cellulitis: [
    { item: 'same-day-review', reason: 'possible cellulitis' },
    { item: 'cbc', reason: 'infection' },
  ],
  'progressive-foot-drop': [
    { item: 'emg-ncs', reason: 'new or progressive foot drop: localise the lesion within days' },
  ],
  'night-pain-malignancy-infection': [
    {
      item: 'mri-urgent',
      reason: 'night pain with systemic features: malignancy or infection',
      onlyIf: (p) => p.dvtRedFlag !== true,
    },
    {
      item: 'mri-urgent',
      reason: 'night pain with systemic features: malignancy or infection, once DVT has been assessed',
      onlyIf: (p) => p.dvtRedFlag === true,
    },
    { item: 'cbc', reason: 'infection or marrow involvement' },
  ],
  'compartment-syndrome': [{ item: 'compartment-review', reason: 'possible compartment syndrome' }],
};

const PRIORITY_RANK: Readonly<Record<WorkupPriority, 0 | 1 | 2>> = { now: 0, soon: 1, routine: 2 };

function alreadyOnFile(entry: CatalogueEntry, ctx: EvalContext): WorkupItem['alreadyOnFile'] {
  if (entry.lab) {
    const lab = ctx.labs.get(entry.lab);
    if (!lab || lab.stale || lab.ageDays < -1) return undefined;
    const f = lab.fact;
    return {
      date: f.date,
      reference: f.provenance.reference,
      summary: `${capitaliseStatic(OBSERVATION_LABELS[entry.lab])} ${formatValue(entry.lab, f.value)} on ${isoDay(f.date)}`,
    };
  }
  if (entry.vascular) {
    for (const concept of entry.vascular) {
      const fresh = measuresOf(ctx, concept).filter((m) => !m.stale);
      if (fresh.length === 0) continue;
      // ABI needs both legs unless one is all we will ever get (unspecified side).
      if (concept === 'abi' && !fresh.some((m) => m.side === undefined) && fresh.length < 2) continue;
      const first = fresh[0]!;
      return {
        date: first.date ?? ctx.today,
        reference: first.reference ?? `form:${first.formField ?? 'measurements'}`,
        summary:
          fresh
            .map((m) => `${OBSERVATION_LABELS[concept]}${m.side ? ` ${m.side}` : ''} ${formatValue(concept, m.value)}`)
            .join(', ') + ` (${isoDay(first.date)})`,
      };
    }
  }
  return undefined;
}

interface Draft {
  id: WorkupId;
  reasons: string[];
  for: ConditionId[];
  forRedFlags: RedFlagId[];
  priority: WorkupPriority;
}

export function planWorkup(p: PlanContext, order: readonly ConditionId[]): WorkupItem[] {
  // A short array with linear lookup: there are never more than a few dozen items.
  const drafts: Draft[] = [];
  const add = (
    step: Step,
    priority: WorkupPriority,
    condition: ConditionId | undefined,
    flag: RedFlagId | undefined,
  ) => {
    if (step.onlyIf && !step.onlyIf(p)) return;
    let d: Draft | undefined;
    for (const x of drafts) {
      if (x.id === step.item) {
        d = x;
        break;
      }
    }
    if (!d) {
      d = { id: step.item, reasons: [step.reason], for: [], forRedFlags: [], priority };
      drafts.push(d);
    } else addReason(d.reasons, step.reason);
    if (condition && !d.for.includes(condition)) d.for.push(condition);
    if (flag && !d.forRedFlags.includes(flag)) d.forRedFlags.push(flag);
    if (PRIORITY_RANK[priority] < PRIORITY_RANK[d.priority]) d.priority = priority;
  };

  for (const flag of p.redFlags) {
    for (const step of RED_FLAG_WORKUP[flag.id]) add(step, 'now', undefined, flag.id);
  }
  const topScore = order.length > 0 ? p.scores.get(order[0]!) : undefined;
  for (const id of order) {
    const l = p.likelihood.get(id) ?? 'unlikely';
    if (l === 'unlikely') continue;
    if (l === 'low' && p.scores.get(id) !== topScore) continue;
    const priority: WorkupPriority = l === 'high' || l === 'moderate' ? 'soon' : 'routine';
    for (const step of CONDITION_WORKUP[id]) add(step, priority, id, undefined);
  }

  // Bucket by priority (stable: first-planned first within a priority) instead of sorting.
  const buckets: [WorkupItem[], WorkupItem[], WorkupItem[]] = [[], [], []];
  for (const d of drafts) {
    // Red-flag items name the conditions they concern.
    for (const flag of d.forRedFlags) {
      for (const related of RED_FLAG_RULE_BY_ID.get(flag)?.related ?? []) {
        if (!d.for.includes(related)) d.for.push(related);
      }
    }
    const entry: CatalogueEntry = WORKUP_CATALOGUE[d.id];
    // Fixed shape: absent optional fields are `undefined` (omitted from JSON).
    buckets[PRIORITY_RANK[d.priority]].push({
      id: d.id,
      label: entry.label,
      reason: d.reasons.length === 1 ? capitaliseStatic(d.reasons[0]!) : capitalise(d.reasons.join('; ')),
      for: d.for,
      forRedFlags: d.forRedFlags.length > 0 ? d.forRedFlags : undefined,
      priority: d.priority,
      code: entry.loinc ? { system: LOINC, code: entry.loinc } : undefined,
      alreadyOnFile: alreadyOnFile(entry, p.ctx),
    });
  }
  return buckets[0].concat(buckets[1], buckets[2]);
}

/**
 * Adds a reason unless it says nothing new: one that another reason already contains ("anatomy for
 * revascularisation" beside "anatomy for revascularisation planning") is dropped, and a longer one replaces it.
 */
function addReason(reasons: string[], reason: string): void {
  const lower = reason.toLowerCase();
  for (let i = 0; i < reasons.length; i++) {
    const existing = reasons[i]!.toLowerCase();
    if (existing.includes(lower)) return;
    if (lower.includes(existing)) {
      reasons[i] = reason;
      return;
    }
  }
  reasons.push(reason);
}
