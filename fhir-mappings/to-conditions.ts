/**
 * Condition → ConditionFact (one per matched concept) and tobacco-use smoking candidates.
 *
 * Rules (clinical reference §2): match by SNOMED code, then ICD-10 prefix, then text; exclude refuted,
 * entered-in-error and differential records (with a data issue, so the clinician knows they were seen: a
 * DVT on a differential list is a question, not a prior DVT); provisional / unconfirmed records are kept
 * but marked `confirmed: false` so the engine can weigh them down; active /
 * recurrence / relapse → `active`; resolved / inactive / remission, an abatement date, or a "history of"
 * code or text → `history`.
 */
import type { ConditionFact, DataIssue, SmokingFact } from '@/lib/engine/facts';
import {
  codingsOf,
  unreadableProblem,
  detectSide,
  invalidDateWords,
  quoteToken,
  readDate,
  statusCode,
  validDate,
  type MapContext,
  type Mapped,
} from './fhir-helpers';
import { matchConcept, matchProvenance, unmatchedBelowFloor } from './matcher';
import { conditionSchema } from './schemas/condition';

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const HISTORY = new Set(['inactive', 'remission', 'resolved']);
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error', 'differential']);
const UNCONFIRMED_VERIFICATION = new Set(['provisional', 'unconfirmed']);

const EXCLUDED_WORDING: Readonly<Record<string, string>> = {
  refuted: 'is marked refuted; not used.',
  'entered-in-error': 'was entered in error; not used.',
  differential: 'is recorded as a differential diagnosis (under consideration, not established); not used.',
};

export interface ConditionMapValue {
  readonly facts: ConditionFact[];
  readonly smoking: SmokingFact[];
}

export function toCondition(raw: unknown, reference: string, ctx: MapContext): Mapped<ConditionMapValue> {
  const parsed = conditionSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: { facts: [], smoking: [] },
      issues: [{ resource: reference, problem: unreadableProblem('Condition', parsed.error) }],
    };
  }
  const cond = parsed.data;
  const codings = codingsOf(cond.code);
  const hits = matchConcept(ctx.matchers, 'condition', codings, [cond.code?.text]);
  const verification = statusCode(cond.verificationStatus);
  const excluded = verification !== undefined && EXCLUDED_VERIFICATION.has(verification);
  const issues: DataIssue[] = [];
  if (!excluded) {
    for (const vs of unmatchedBelowFloor(ctx.matchers, 'condition', codings, hits)) {
      issues.push({
        resource: reference,
        problem: `Coded with an unverified code for ${vs.title.toLowerCase()}; not used — confirm in the chart (a site can opt in to unverified codes).`,
      });
    }
  }
  if (hits.length === 0) return { value: { facts: [], smoking: [] }, issues };

  const label = cond.code?.text ?? codings.find((c) => c.display)?.display ?? hits[0]!.valueSet.title;
  if (excluded) {
    issues.push({
      resource: reference,
      problem: `${hits[0]!.valueSet.title} on the problem list ${EXCLUDED_WORDING[verification] ?? 'is not used.'}`,
    });
    return { value: { facts: [], smoking: [] }, issues };
  }
  const unconfirmed = verification !== undefined && UNCONFIRMED_VERIFICATION.has(verification);

  const clinical = statusCode(cond.clinicalStatus);
  const title = hits[0]!.valueSet.title;
  const onsetRead = readDate([cond.onsetDateTime, 'dateTime'], [cond.onsetPeriod?.start, 'dateTime']);
  const abatementRead = readDate(
    [cond.abatementDateTime, 'dateTime'],
    [cond.abatementPeriod?.end, 'dateTime'],
    [cond.abatementPeriod?.start, 'dateTime'],
  );
  const recordedRead = readDate([cond.recordedDate, 'dateTime']);
  for (const [read, what] of [
    [onsetRead, 'onset'],
    [abatementRead, 'end'],
    [recordedRead, 'recorded'],
  ] as const) {
    if (read.status === 'invalid') {
      issues.push({
        resource: reference,
        problem: `${title} on the problem list: the ${what} date ${invalidDateWords(read.value)}; the condition is used without it.`,
      });
    }
  }
  const onset = validDate(onsetRead);
  const abatement = validDate(abatementRead);
  // An end date that cannot be read still says the condition ended.
  const abated =
    abatementRead.status !== 'none' || cond.abatementString !== undefined || cond.abatementBoolean === true;
  let baseStatus: ConditionFact['status'];
  if (clinical !== undefined && ACTIVE.has(clinical)) baseStatus = 'active';
  else if (clinical !== undefined && HISTORY.has(clinical)) baseStatus = 'history';
  else baseStatus = abated ? 'history' : 'active';
  if (clinical !== undefined && !ACTIVE.has(clinical) && !HISTORY.has(clinical)) {
    issues.push({
      resource: reference,
      problem: `${hits[0]!.valueSet.title}: clinical status ${quoteToken(clinical)} is not a FHIR R4 status; read as ${baseStatus}.`,
    });
  }

  const texts = [cond.code?.text, ...codings.map((c) => c.display)].filter((t): t is string => t !== undefined);
  const historyByText = texts.some((t) => ctx.matchers.historyText.test(t));
  const side = detectSide(
    (cond.bodySite ?? []).flatMap((b) => b.coding ?? []),
    [...(cond.bodySite ?? []).map((b) => b.text), cond.code?.text],
  );
  const date = onset ?? validDate(recordedRead);

  const facts: ConditionFact[] = [];
  const smoking: SmokingFact[] = [];
  for (const hit of hits) {
    const vs = hit.valueSet;
    const setHistory = ctx.matchers.historyTextBySet.get(vs.id);
    const history =
      hit.history ||
      vs.allHistory === true ||
      historyByText ||
      (setHistory ? texts.some((t) => setHistory.test(t)) : false);
    const status: ConditionFact['status'] = history ? 'history' : baseStatus;
    const provenance = {
      reference,
      ...(date ? { date } : {}),
      matched: hit.matched,
      valueSet: vs.id,
      ...matchProvenance(hit),
    };
    facts.push({
      concept: vs.concept,
      status,
      label,
      ...(onset ? { onset } : {}),
      ...(abatement ? { abatement } : {}),
      ...(side ? { side } : {}),
      ...(unconfirmed ? { confirmed: false as const } : {}),
      ...(hit.implied ? { implied: true as const } : {}),
      provenance,
    });
    if (vs.concept === 'tobacco-use') {
      smoking.push({
        status: status === 'active' ? 'current' : 'former',
        ...(date ? { date } : {}),
        provenance,
      });
    }
  }
  return { value: { facts, smoking }, issues };
}
