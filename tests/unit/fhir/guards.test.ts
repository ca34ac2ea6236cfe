/**
 * The session and OperationOutcome parsers are hand-written guards (kept out of the first-load bundle, see
 * lib/fhir/session.ts). They replaced zod schemas; this pins them to the same results as those schemas — kept
 * here as the reference — over ordinary and hostile inputs, plus the outcomes the UI depends on.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOperationOutcome } from '@/lib/fhir/errors';
import { parseSessionState } from '@/lib/fhir/session';

const idLike = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9\-.]{1,64}$/);
const REFERENCE_STATE = z.object({
  serverUrl: z.url(),
  expiresAt: z.number().optional().catch(undefined),
  tokenResponse: z.looseObject({
    access_token: z.string().min(1),
    refresh_token: z.string().optional().catch(undefined),
    scope: z.string().optional().catch(undefined),
    patient: idLike.optional(),
    encounter: idLike.optional().catch(undefined),
    need_patient_banner: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
      .optional()
      .catch(undefined),
    intent: z.string().optional().catch(undefined),
  }),
});
const REFERENCE_OUTCOME = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.looseObject({
        severity: z.string().catch('error'),
        code: z.string().catch('unknown'),
        diagnostics: z.string().optional().catch(undefined),
        details: z
          .looseObject({ text: z.string().optional().catch(undefined) })
          .optional()
          .catch(undefined),
      }),
    )
    .catch([]),
});

const NOW = 1_800_000_000;
const token = { access_token: 'tok', scope: 'launch patient/*.read', patient: 'p1' };
const good = { serverUrl: 'https://ehr.example/fhir/', expiresAt: NOW + 600, tokenResponse: token };

const STATES: [string, unknown][] = [
  ['good', good],
  ['not an object', 'state'],
  ['null', null],
  ['array', [good]],
  ['no token response', { serverUrl: good.serverUrl }],
  ['token response is an array', { ...good, tokenResponse: [token] }],
  ['empty token', { ...good, tokenResponse: { ...token, access_token: '' } }],
  ['numeric token', { ...good, tokenResponse: { ...token, access_token: 1 } }],
  ['bad serverUrl', { ...good, serverUrl: 'not a url' }],
  ['serverUrl with spaces and a newline', { ...good, serverUrl: '  https://ehr.exa\nmple/fhir  ' }],
  ['bad serverUrl and no token', { serverUrl: 'nope', tokenResponse: {} }],
  ['no patient', { ...good, tokenResponse: { access_token: 'tok' } }],
  ['patient needs trimming', { ...good, tokenResponse: { ...token, patient: '  p-1.a  ' } }],
  ['patient not an id', { ...good, tokenResponse: { ...token, patient: 'p/1' } }],
  ['patient null', { ...good, tokenResponse: { ...token, patient: null } }],
  ['patient numeric', { ...good, tokenResponse: { ...token, patient: 42 } }],
  ['patient too long', { ...good, tokenResponse: { ...token, patient: 'x'.repeat(65) } }],
  ['bad encounter dropped', { ...good, tokenResponse: { ...token, encounter: 'e 1' } }],
  ['encounter kept', { ...good, tokenResponse: { ...token, encounter: ' e1 ' } }],
  ['banner "false"', { ...good, tokenResponse: { ...token, need_patient_banner: 'false' } }],
  ['banner false', { ...good, tokenResponse: { ...token, need_patient_banner: false } }],
  ['banner "no"', { ...good, tokenResponse: { ...token, need_patient_banner: 'no' } }],
  ['expired, no refresh', { ...good, expiresAt: NOW - 1 }],
  ['expired, refresh token', { ...good, expiresAt: NOW - 1, tokenResponse: { ...token, refresh_token: 'r' } }],
  ['expiresAt a string', { ...good, expiresAt: String(NOW - 1) }],
  ['expiresAt NaN', { ...good, expiresAt: Number.NaN }],
  ['wrong-typed optionals', { ...good, tokenResponse: { ...token, scope: 3, intent: {}, refresh_token: [] } }],
  ['intent', { ...good, tokenResponse: { ...token, intent: 'reconcile' } }],
];

/** The old implementation: the reference schema plus the same mapping code. */
function referenceSession(state: unknown) {
  const parsed = REFERENCE_STATE.safeParse(state);
  if (!parsed.success) {
    const tokenMissing = parsed.error.issues.some(
      (i) => i.path.includes('access_token') || i.path.includes('tokenResponse'),
    );
    return tokenMissing ? 'no-session' : 'error';
  }
  return parsed.data;
}

describe('parseSessionState (hand-written guard)', () => {
  it.each(STATES)('%s: same outcome as the zod schema it replaced', (_name, state) => {
    const actual = parseSessionState(state, 'https://ehr.example/fhir/Practitioner/9', NOW);
    const reference = referenceSession(state);
    if (typeof reference === 'string') {
      expect(actual.status).toBe(reference);
      return;
    }
    const t = reference.tokenResponse;
    if (!t.patient) {
      expect(actual.status).toBe('error');
      return;
    }
    if (reference.expiresAt !== undefined && reference.expiresAt <= NOW && !t.refresh_token) {
      expect(actual.status).toBe('expired');
      return;
    }
    expect(actual.status).toBe('active');
    if (actual.status !== 'active') return;
    const s = actual.session;
    expect(s.serverUrl).toBe(reference.serverUrl.replace(/\/+$/, ''));
    expect(s.patientId).toBe(t.patient);
    expect(s.encounterId).toBe(t.encounter);
    expect(s.expiresAt).toBe(reference.expiresAt);
    expect(s.canRefresh).toBe(Boolean(t.refresh_token));
    expect(s.needPatientBanner).toBe(t.need_patient_banner ?? true);
    expect(s.intent).toBe(t.intent || undefined);
    expect(s.fhirUser).toBe('Practitioner/9');
  });

  it('never puts the token into the session', () => {
    const state = parseSessionState(good, null, NOW);
    expect(JSON.stringify(state)).not.toContain('tok"');
    expect(state).toMatchObject({
      status: 'active',
      session: { serverUrl: 'https://ehr.example/fhir', patientId: 'p1' },
    });
  });

  it('a tab without a token response has no session; a broken server URL is a failed launch', () => {
    expect(parseSessionState({}, null, NOW).status).toBe('no-session');
    expect(parseSessionState({ ...good, serverUrl: 'ehr' }, null, NOW).status).toBe('error');
  });
});

const OUTCOMES: [string, unknown][] = [
  [
    'two issues',
    {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'forbidden', diagnostics: 'scope missing' },
        { severity: 'warning', code: 'informational', details: { text: 'see policy' } },
      ],
    },
  ],
  ['not an outcome', { resourceType: 'Bundle', issue: [{ severity: 'error', code: 'x' }] }],
  ['string', 'boom'],
  ['null', null],
  ['array', [{ resourceType: 'OperationOutcome' }]],
  ['no issue', { resourceType: 'OperationOutcome' }],
  ['issue not a list', { resourceType: 'OperationOutcome', issue: { severity: 'error' } }],
  ['a non-object issue', { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x' }, 'oops'] }],
  ['an array issue', { resourceType: 'OperationOutcome', issue: [[]] }],
  [
    'wrong-typed fields',
    { resourceType: 'OperationOutcome', issue: [{ severity: 1, code: null, diagnostics: 2, details: 'text' }] },
  ],
  [
    'details without text',
    { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x', details: {} }] },
  ],
  ['empty strings', { resourceType: 'OperationOutcome', issue: [{ severity: '', code: '', diagnostics: '' }] }],
  [
    'long diagnostics',
    { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x', diagnostics: 'd'.repeat(400) }] },
  ],
];

describe('parseOperationOutcome (hand-written guard)', () => {
  it.each(OUTCOMES)('%s: same issues as the zod schema it replaced', (_name, body) => {
    const parsed = REFERENCE_OUTCOME.safeParse(body);
    const truncate = (t: string) => (t.length > 300 ? `${t.slice(0, 300)}…` : t);
    const expected = parsed.success
      ? parsed.data.issue.map((i) => ({
          // The shared vocabulary's OutcomeIssue: FHIR's four severities (anything else reads as an error) and
          // `text` for details.text.
          severity: ['fatal', 'error', 'warning', 'information'].includes(i.severity) ? i.severity : 'error',
          code: i.code,
          ...(i.details?.text ? { text: truncate(i.details.text) } : {}),
          ...(i.diagnostics ? { diagnostics: truncate(i.diagnostics) } : {}),
        }))
      : [];
    expect(parseOperationOutcome(body)).toEqual(expected);
  });

  it('reads severity, code, diagnostics and details text (as `text`, never FHIR’s `details`)', () => {
    expect(parseOperationOutcome(OUTCOMES[0]?.[1])).toEqual([
      { severity: 'error', code: 'forbidden', diagnostics: 'scope missing' },
      { severity: 'warning', code: 'informational', text: 'see policy' },
    ]);
  });
});
