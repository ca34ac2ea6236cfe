/**
 * Runtime configuration: defaults, one clear message per bad variable (naming it), the issuer allow-list and
 * the CSP built from it.
 */
import { describe, expect, it } from 'vitest';
import { parseLocalCodes } from '@/fhir-mappings';
import {
  ConfigError,
  buildCsp,
  isAllowedIssuer,
  loadConfig,
  normaliseIssuer,
  securityHeaders,
  toClientConfig,
} from '@/lib/config';

describe('loadConfig', () => {
  it('has working defaults for the local sandbox', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      clientId: 'nocturne-local',
      scopeVersion: 'auto',
      allowedIssuers: ['http://localhost:4010/fhir'],
      frameAncestors: ["'self'", 'http://localhost:4010'],
      sandboxUrl: 'http://localhost:4010',
      writebackProfile: 'us-core',
      noteType: '11488-4',
      writeProvenance: false,
      writeClinicalImpression: false,
    });
    expect(config.redirectUri).toBeUndefined();
    expect(config.scopes).toContain('patient/DocumentReference.c');
    expect(config.scopes).toContain('launch/patient');
  });

  it('reads every variable; empty strings mean "default"', () => {
    const config = loadConfig({
      NOCTURNE_CLIENT_ID: 'abc-123',
      NOCTURNE_SCOPES: 'launch openid fhirUser patient/Observation.read',
      NOCTURNE_SCOPE_VERSION: 'v1',
      NOCTURNE_REDIRECT_URI: 'https://nocturne.hospital.example/assessment',
      NOCTURNE_ALLOWED_ISSUERS: 'https://launch.smarthealthit.org/v/r4/fhir/, https://fhir.epic.example/api/FHIR/R4',
      NOCTURNE_FRAME_ANCESTORS: "'self' https://ehr.hospital.example",
      NOCTURNE_CONNECT_SRC: 'https://auth.hospital.example',
      NOCTURNE_SANDBOX_URL: '',
      NOCTURNE_WRITEBACK_PROFILE: 'epic',
      NOCTURNE_NOTE_TYPE: '34117-2',
      NOCTURNE_WRITE_PROVENANCE: 'true',
      NOCTURNE_WRITE_CLINICAL_IMPRESSION: '0',
      NOCTURNE_LOCAL_CODES: JSON.stringify({
        abi: { codes: [{ system: 'urn:oid:1.2.3', code: 'ABI-R', side: 'right' }] },
      }),
    });
    expect(config.allowedIssuers).toEqual([
      'https://launch.smarthealthit.org/v/r4/fhir',
      'https://fhir.epic.example/api/FHIR/R4',
    ]);
    expect(config.scopeVersion).toBe('v1');
    expect(config.redirectUri).toBe('https://nocturne.hospital.example/assessment');
    expect(config.sandboxUrl).toBe('http://localhost:4010');
    expect(config.writebackProfile).toBe('epic');
    expect(config.writeProvenance).toBe(true);
    expect(config.writeClinicalImpression).toBe(false);
    const localCodes = parseLocalCodes(config.localCodes);
    expect(localCodes.ok && localCodes.config.valueSets.abi?.codes?.[0]?.code).toBe('ABI-R');
    expect(config.connectSrc).toEqual(['https://auth.hospital.example']);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        NOCTURNE_ALLOWED_ISSUERS: 'not-a-url, https://ok.example/fhir?x=1',
        NOCTURNE_WRITEBACK_PROFILE: 'cerner',
        NOCTURNE_NOTE_TYPE: 'progress note',
        NOCTURNE_WRITE_PROVENANCE: 'maybe',
        NOCTURNE_FRAME_ANCESTORS: '*',
        NOCTURNE_REDIRECT_URI: '/assessment',
        NOCTURNE_LOCAL_CODES: '{not json',
        NOCTURNE_SCOPES: 'fhirUser patient/Observation.rs',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.subject).sort()).toEqual(
      [
        'NOCTURNE_ALLOWED_ISSUERS',
        'NOCTURNE_ALLOWED_ISSUERS',
        'NOCTURNE_FRAME_ANCESTORS',
        'NOCTURNE_LOCAL_CODES',
        'NOCTURNE_NOTE_TYPE',
        'NOCTURNE_REDIRECT_URI',
        'NOCTURNE_SCOPES',
        'NOCTURNE_WRITEBACK_PROFILE',
        'NOCTURNE_WRITE_PROVENANCE',
      ].sort(),
    );
    const message = (error as ConfigError).message;
    expect(message).toMatch(/NOCTURNE_WRITEBACK_PROFILE: must be one of us-core, epic, oracle, smart-sandbox/);
    expect(message).toMatch(/NOCTURNE_ALLOWED_ISSUERS: "not-a-url" is not an absolute http\(s\) FHIR base URL/);
    expect(message).toMatch(/NOCTURNE_NOTE_TYPE: must be a LOINC code/);
    expect(message).toMatch(/NOCTURNE_SCOPES: fhirUser needs openid/);
    expect(message).toMatch(/NOCTURNE_LOCAL_CODES: must be valid JSON/);
  });

  it('refuses plain-http issuers except on loopback (bearer tokens must not travel in clear text)', () => {
    expect(() => loadConfig({ NOCTURNE_ALLOWED_ISSUERS: 'http://ehr.hospital.example/fhir' })).toThrow(
      /NOCTURNE_ALLOWED_ISSUERS: "http:\/\/ehr.hospital.example\/fhir" uses plain http/,
    );
    const local = loadConfig({
      NOCTURNE_ALLOWED_ISSUERS: 'http://localhost:4010/fhir, http://127.0.0.1:4010/fhir, http://[::1]:4010/fhir',
    });
    expect(local.allowedIssuers).toHaveLength(3);
  });

  it('validates NOCTURNE_LOCAL_CODES with the mappings’ schema', () => {
    expect(() => loadConfig({ NOCTURNE_LOCAL_CODES: JSON.stringify({ 'no-such-value-set': {} }) })).toThrow(
      /NOCTURNE_LOCAL_CODES: "no-such-value-set" is not a value-set id/,
    );
  });

  it('NOCTURNE_LOG_FORMAT: text by default, json on request, anything else named; never sent to the browser', () => {
    expect(loadConfig({}).logFormat).toBe('text');
    expect(loadConfig({ NOCTURNE_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ NOCTURNE_LOG_FORMAT: 'JSON ' })).toThrow(/NOCTURNE_LOG_FORMAT: must be text or json/);
    expect(toClientConfig(loadConfig({ NOCTURNE_LOG_FORMAT: 'json' }))).not.toHaveProperty('logFormat');
  });

  it('NOCTURNE_OPENER_POLICY: unsafe-none (no header) by default, the two isolating values on request, anything else named', () => {
    expect(loadConfig({}).openerPolicy).toBe('unsafe-none');
    expect(loadConfig({ NOCTURNE_OPENER_POLICY: 'same-origin-allow-popups' }).openerPolicy).toBe(
      'same-origin-allow-popups',
    );
    expect(loadConfig({ NOCTURNE_OPENER_POLICY: 'same-origin' }).openerPolicy).toBe('same-origin');
    expect(() => loadConfig({ NOCTURNE_OPENER_POLICY: 'strict' })).toThrow(
      /NOCTURNE_OPENER_POLICY: must be one of unsafe-none, same-origin-allow-popups, same-origin/,
    );
    expect(toClientConfig(loadConfig({ NOCTURNE_OPENER_POLICY: 'same-origin' }))).not.toHaveProperty('openerPolicy');
  });

  it('the client config carries no CSP-only settings', () => {
    const client = toClientConfig(loadConfig({}));
    expect(client).not.toHaveProperty('frameAncestors');
    expect(client).not.toHaveProperty('connectSrc');
    expect(client.allowedIssuers).toEqual(['http://localhost:4010/fhir']);
  });
});

describe('issuer allow-list', () => {
  const allowed = ['https://launch.smarthealthit.org/v/r4/fhir', 'http://localhost:4010/fhir'];
  it.each([
    ['https://launch.smarthealthit.org/v/r4/fhir', true],
    ['https://launch.smarthealthit.org/v/r4/fhir/', true],
    ['HTTPS://Launch.SmartHealthIT.org/v/r4/fhir', true],
    ['https://launch.smarthealthit.org:443/v/r4/fhir', true],
    ['http://localhost:4010/fhir', true],
    ['http://localhost:4011/fhir', false],
    ['https://launch.smarthealthit.org/v/r4/fhir/../../evil', false],
    ['https://launch.smarthealthit.org.evil.test/v/r4/fhir', false],
    ['https://launch.smarthealthit.org/v/r4', false],
    ['https://launch.smarthealthit.org/v/r4/fhirx', false],
    ['https://launch.smarthealthit.org/v/r4/fhir?x=1', false],
    ['https://user@launch.smarthealthit.org/v/r4/fhir', false],
    ['javascript:alert(1)', false],
    ['', false],
  ])('%s → %s', (iss, expected) => {
    expect(isAllowedIssuer(iss, allowed)).toBe(expected);
  });
  it('normalises trailing slashes and default ports only', () => {
    expect(normaliseIssuer('https://a.example:443/fhir/')).toBe('https://a.example/fhir');
    expect(normaliseIssuer('ftp://a.example/fhir')).toBeNull();
  });
});

describe('Content-Security-Policy', () => {
  const config = loadConfig({
    NOCTURNE_ALLOWED_ISSUERS: 'https://launch.smarthealthit.org/v/r4/fhir http://localhost:4010/fhir',
    NOCTURNE_FRAME_ANCESTORS: "'self' https://ehr.hospital.example",
    NOCTURNE_CONNECT_SRC: 'https://auth.hospital.example/oauth2',
  });
  const csp = buildCsp(config, 'abc123');
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('lets the browser call only itself and the allowed issuers’ (and configured) origins', () => {
    expect(directive('connect-src')).toBe(
      "connect-src 'self' https://launch.smarthealthit.org http://localhost:4010 https://auth.hospital.example",
    );
  });
  it('uses the nonce and strict-dynamic for scripts, no unsafe-eval in production', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(buildCsp(config, 'n', true)).toMatch(/'unsafe-eval'/);
  });
  it('takes frame-ancestors from configuration and locks down the rest', () => {
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'self' https://ehr.hospital.example");
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
  });
  it('sends no-referrer and nosniff, and never X-Frame-Options (EHRs embed the app)', () => {
    const headers = securityHeaders(csp);
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('x-frame-options');
  });
  it('sends Cross-Origin-Opener-Policy only when configured (a launch would pay a renderer process swap per hop)', () => {
    const names = (h: Record<string, string>) => Object.keys(h).map((name) => name.toLowerCase());
    expect(names(securityHeaders(csp))).not.toContain('cross-origin-opener-policy');
    expect(names(securityHeaders(csp, 'unsafe-none'))).not.toContain('cross-origin-opener-policy');
    expect(securityHeaders(csp, 'same-origin-allow-popups')['Cross-Origin-Opener-Policy']).toBe(
      'same-origin-allow-popups',
    );
    expect(securityHeaders(csp, 'same-origin')['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});
