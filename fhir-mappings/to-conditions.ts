/**
 * Condition → ConditionFact (one per matched concept) and tobacco-use smoking candidates.
 *
 * Rules (clinical reference §2): match by SNOMED code, then ICD-10 prefix, then text; exclude refuted and
 * entered-in-error records (with a data issue, so the clinician knows they were seen); active /
 * recurrence / relapse → `active`; resolved / inactive / remission, an abatement date, or a "history of"
 * code or text → `history`.
 */
import type { ConditionFact, DataIssue, SmokingFact } from '@/lib/engine/facts';
import {
  codingsOf,
  describeZodError,
  detectSide,
  firstDate,
  quoteToken,
  statusCode,
  type MapContext,
  type Mapped,
} from './fhir-helpers';
import { matchConcept } from './matcher';
import { conditionSchema } from './schemas/condition';

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const HISTORY = new Set(['inactive', 'remission', 'resolved']);
const EXCLUDED_VERIFICATION = new Set(['refuted', 'entered-in-error']);

export interface ConditionMapValue {
  readonly facts: ConditionFact[];
  readonly smoking: SmokingFact[];
}

export function toCondition(raw: unknown, reference: string, ctx: MapContext): Mapped<ConditionMapValue> {
  const parsed = conditionSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      value: { facts: [], smoking: [] },
      issues: [{ resource: reference, problem: `Condition could not be read (${describeZodError(parsed.error)}).` }],
    };
  }
  const cond = parsed.data;
  const codings = codingsOf(cond.code);
  const hits = matchConcept(ctx.matchers, 'condition', codings, [cond.code?.text]);
  if (hits.length === 0) return { value: { facts: [], smoking: [] }, issues: [] };

  const label = cond.code?.text ?? codings.find((c) => c.display)?.display ?? hits[0]!.valueSet.title;
  const issues: DataIssue[] = [];
  const verification = statusCode(cond.verificationStatus);
  if (verification !== undefined && EXCLUDED_VERIFICATION.has(verification)) {
    issues.push({
      resource: reference,
      problem:
        verification === 'refuted'
          ? `${hits[0]!.valueSet.title} on the problem list is marked refuted; not used.`
          : `${hits[0]!.valueSet.title} on the problem list was entered in error; not used.`,
    });
    return { value: { facts: [], smoking: [] }, issues };
  }

  const clinical = statusCode(cond.clinicalStatus);
  const onset = firstDate(cond.onsetDateTime, cond.onsetPeriod?.start);
  const abatement = firstDate(cond.abatementDateTime, cond.abatementPeriod?.end, cond.abatementPeriod?.start);
  const abated = abatement !== undefined || cond.abatementString !== undefined || cond.abatementBoolean === true;
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
  const date = onset ?? firstDate(cond.recordedDate);

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
    const provenance = { reference, ...(date ? { date } : {}), matched: hit.matched, valueSet: vs.id };
    facts.push({
      concept: vs.concept,
      status,
      label,
      ...(onset ? { onset } : {}),
      ...(abatement ? { abatement } : {}),
      ...(side ? { side } : {}),
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
