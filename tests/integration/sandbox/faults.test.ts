/**
 * Fault switches, per launch (launcher query parameters) and for the whole server (options / environment).
 */
import type { OperationOutcome } from 'fhir/r4';
import { faultsFromEnv } from '../../../mocks/sandbox/faults';
import { sandboxOptionsFromEnv } from '../../../mocks/sandbox/main';
import { logPath } from '../../../mocks/sandbox/server';
import type { SandboxHandle } from '../../../mocks/sandbox/server';
import { APP_SCOPES, VITO, fhir, launchAndToken, postToken, start, testClock, CLIENT_ID } from './helpers';

const PERSONA = 'dvt-post-hip-replacement';

let sandbox: SandboxHandle;
const clock = testClock();

beforeAll(async () => {
  sandbox = await start({ now: clock.now });
}, 30_000);
afterAll(async () => {
  await sandbox?.close();
});

const note = {
  resourceType: 'DocumentReference',
  status: 'current',
  subject: { reference: `Patient/${PERSONA}` },
  content: [{ attachment: { contentType: 'text/plain', data: 'bm90ZQ==' } }],
};

describe('per-launch fault switches', () => {
  it('adds latency to every FHIR request of that launch only', async () => {
    const slow = await launchAndToken(sandbox, PERSONA, { launcherParams: { latency: '1000' } });
    const fast = await launchAndToken(sandbox, PERSONA);
    const time = async (token: string) => {
      const t0 = performance.now();
      const res = await fhir(sandbox, token, `Patient/${PERSONA}`);
      expect(res.status).toBe(200);
      return performance.now() - t0;
    };
    expect(await time(slow.access_token)).toBeGreaterThanOrEqual(990);
    // The fastest of three, so a busy machine cannot make an unslowed launch look slowed.
    const fastest = Math.min(
      await time(fast.access_token),
      await time(fast.access_token),
      await time(fast.access_token),
    );
    expect(fastest).toBeLessThan(700);
  });

  it('fails one resource type with 500 and an OperationOutcome, leaving the others working', async () => {
    const { access_token } = await launchAndToken(sandbox, PERSONA, { launcherParams: { fail: 'Observation' } });
    const failed = await fhir(sandbox, access_token, `Observation?patient=${PERSONA}`);
    expect(failed.status).toBe(500);
    const oo = (await failed.json()) as OperationOutcome;
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue[0]?.diagnostics).toMatch(/Observation/);
    expect((await fhir(sandbox, access_token, `Condition?patient=${PERSONA}`)).status).toBe(200);
  });

  it('expires tokens after the given number of seconds', async () => {
    const token = await launchAndToken(sandbox, PERSONA, { launcherParams: { expires: '5' } });
    expect(token.expires_in).toBe(5);
    expect((await fhir(sandbox, token.access_token, `Patient/${PERSONA}`)).status).toBe(200);
    clock.advance(6);
    try {
      expect((await fhir(sandbox, token.access_token, `Patient/${PERSONA}`)).status).toBe(401);
      const refreshed = await postToken(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token!,
        client_id: CLIENT_ID,
      });
      const body = (await refreshed.json()) as { access_token: string; expires_in: number };
      expect(body.expires_in).toBe(5);
      expect((await fhir(sandbox, body.access_token, `Patient/${PERSONA}`)).status).toBe(200);
    } finally {
      clock.advance(-6);
    }
  });

  it('denies the note write scope: not granted, and a create is 403', async () => {
    const token = await launchAndToken(sandbox, PERSONA, { launcherParams: { deny_write: '1' } });
    const granted = token.scope.split(' ');
    expect(granted).not.toContain('patient/DocumentReference.cs');
    expect(granted).toContain('patient/DocumentReference.s');
    expect(granted).toContain('patient/Observation.rs');
    const res = await fhir(sandbox, token.access_token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');

    const v1 = await launchAndToken(sandbox, PERSONA, {
      scope: 'launch patient/*.read patient/DocumentReference.write',
      launcherParams: { deny_write: 'true' },
    });
    expect(v1.scope).toBe('launch patient/*.read');
  });

  it('without faults the same create succeeds (the denial comes from the switch)', async () => {
    const token = await launchAndToken(sandbox, PERSONA, { scope: APP_SCOPES });
    const res = await fhir(sandbox, token.access_token, 'DocumentReference', {
      method: 'POST',
      body: JSON.stringify(note),
    });
    expect(res.status).toBe(201);
  });

  it('refuses a launch with a malformed fault switch', async () => {
    const res = await fetch(`${sandbox.url}/launch/ehr?patient=${PERSONA}&latency=-5`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/latency must be a whole number/);
  });
});

describe('server-wide fault switches', () => {
  it('apply to every launch, including discovery latency', async () => {
    const faulty = await start({ faults: { failResourceType: 'Condition', latencyMs: 150 } });
    try {
      const t0 = performance.now();
      expect((await fetch(`${faulty.fhirBaseUrl}/metadata`)).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      const { access_token } = await launchAndToken(faulty, VITO);
      expect((await fhir(faulty, access_token, `Condition?patient=${VITO}`)).status).toBe(500);
      expect((await fhir(faulty, access_token, `Patient/${VITO}`)).status).toBe(200);
      const page = await (await fetch(`${faulty.url}/`)).text();
      expect(page).toMatch(/Server-wide fault switches are on: 150 ms added latency, Condition requests fail/);
    } finally {
      await faulty.close();
    }
  }, 30_000);

  it('are read from the environment, naming a bad setting', () => {
    expect(
      faultsFromEnv({
        SANDBOX_LATENCY_MS: '100',
        SANDBOX_FAIL_RESOURCE: 'Observation',
        SANDBOX_TOKEN_EXPIRY_SECONDS: '30',
        SANDBOX_DENY_WRITE: '1',
      }),
    ).toEqual({ latencyMs: 100, failResourceType: 'Observation', tokenExpirySeconds: 30, denyWrite: true });
    expect(() => faultsFromEnv({ SANDBOX_FAIL_RESOURCE: 'Observations' })).toThrow(/SANDBOX_FAIL_RESOURCE/);
    const options = sandboxOptionsFromEnv({
      SANDBOX_PORT: '4567',
      PORT: '3100',
      SANDBOX_REDIRECT_URIS: 'http://localhost:3100/other, http://127.0.0.1:3100/assessment',
    });
    expect(options).toMatchObject({
      port: 4567,
      appUrl: 'http://localhost:3100',
      redirectUris: ['http://localhost:3100/other', 'http://127.0.0.1:3100/assessment'],
    });
    expect(() => sandboxOptionsFromEnv({ APP_URL: 'localhost:3000' })).toThrow(/APP_URL/);
  });
});

describe('request log', () => {
  it('logs neither query strings nor resource ids', () => {
    expect(logPath('/fhir/Patient/pad-clti-rest-pain?_format=json')).toBe('/fhir/Patient/{id}');
    expect(logPath('/fhir/DocumentReference/abc/_history/2')).toBe('/fhir/DocumentReference/{id}/_history/{vid}');
    expect(logPath('/fhir/Observation?patient=123&code=x')).toBe('/fhir/Observation');
    expect(logPath('/auth/authorize?code_challenge=x&state=y')).toBe('/auth/authorize');
    expect(logPath('/fhir/.well-known/smart-configuration')).toBe('/fhir/.well-known/smart-configuration');
    // The open FHIR server for the reference launcher has its base at the root.
    expect(logPath('/Patient/pad-clti-rest-pain')).toBe('/Patient/{id}');
    expect(logPath('/launch/ehr?patient=x')).toBe('/launch/ehr');
  });
});
