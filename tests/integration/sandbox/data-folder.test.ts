/**
 * `SANDBOX_DATA=<dir>`: an integrator's own FHIR Bundles (a Synthea export) loaded at start, listed on the launcher
 * and launchable; a bad file is reported by name and skipped whole, and the rest still loads.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bundle, Observation } from 'fhir/r4';
import { syntheaFiles } from '../../../mocks/fhir-store';
import { personas, synthea } from '../../../mocks/personas/index';
import { sandboxOptionsFromEnv } from '../../../mocks/sandbox/main';
import type { SandboxHandle } from '../../../mocks/sandbox/server';
import { RENATO, VITO, fhir, launchAndToken, start } from './helpers';

const NPI = 'http://hl7.org/fhir/sid/us-npi';

let dir: string;
let sandbox: SandboxHandle;

/** Write one file of the data folder. */
function write(name: string, content: unknown): void {
  writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
}

/** A Bundle of loosely typed entries: several are deliberately not valid FHIR. */
const bundle = (type: string, entry: readonly object[]) => ({ resourceType: 'Bundle', type, entry });
const uuid = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-data-'));
  for (const file of syntheaFiles()) copyFileSync(file, path.join(dir, path.basename(file)));

  // Recent Synthea: practitioners in their own file, patients referring to them by conditional reference.
  write(
    'practitionerInformation.json',
    bundle('transaction', [
      {
        fullUrl: uuid(1),
        resource: {
          resourceType: 'Practitioner',
          identifier: [{ system: NPI, value: '9999977' }],
          name: [{ family: 'Okafor', given: ['Ada'] }],
        },
        request: { method: 'POST', url: 'Practitioner', ifNoneExist: `identifier=${NPI}|9999977` },
      },
    ]),
  );
  write(
    'Ines_Quarry.json',
    bundle('transaction', [
      {
        fullUrl: uuid(2),
        resource: {
          resourceType: 'Patient',
          name: [{ given: ['Ines'], family: 'Quarry' }],
          gender: 'female',
          birthDate: '1950-03-04',
          generalPractitioner: [{ reference: `Practitioner?identifier=${NPI}|9999977` }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        fullUrl: uuid(3),
        resource: {
          resourceType: 'Condition',
          subject: { reference: uuid(2) },
          code: { text: 'Peripheral arterial disease' },
        },
        request: { method: 'POST', url: 'Condition' },
      },
    ]),
  );
  // A searchset (what a FHIR server's search returns) loads too.
  write(
    'search-result.json',
    bundle('searchset', [
      {
        fullUrl: 'https://ehr.example/fhir/Patient/sr-1',
        resource: { resourceType: 'Patient', id: 'sr-1', name: [{ text: 'Sam Search' }], gender: 'male' },
      },
      {
        fullUrl: 'https://ehr.example/fhir/Observation/sr-obs-1',
        resource: {
          resourceType: 'Observation',
          id: 'sr-obs-1',
          status: 'final',
          code: { text: 'Ankle-brachial index' },
          subject: { reference: 'https://ehr.example/fhir/Patient/sr-1' },
          valueQuantity: { value: 0.62 },
        },
      },
    ]),
  );

  write('README.txt', 'My export.');
  write('broken.json', '{"resourceType": "Bundle", "entry": [');
  write('just-a-patient.json', { resourceType: 'Patient', id: 'lonely' });
  write('history.json', bundle('history', []));
  write(
    'dangling.json',
    bundle('transaction', [
      { fullUrl: uuid(10), resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
      {
        fullUrl: uuid(11),
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'x' },
          subject: { reference: uuid(99) },
        },
        request: { method: 'POST', url: 'Observation' },
      },
    ]),
  );
  write(
    'unknown-practitioner.json',
    bundle('transaction', [
      {
        fullUrl: uuid(20),
        resource: {
          resourceType: 'Patient',
          generalPractitioner: [{ reference: `Practitioner?identifier=${NPI}|0000000` }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
    ]),
  );
  write(
    'invalid.json',
    bundle('collection', [
      { resource: { resourceType: 'Patient', id: 'inv-1' } },
      { resource: { resourceType: 'Observation', id: 'inv-obs', code: { text: 'x' } } },
    ]),
  );
  write('clash.json', bundle('collection', [{ resource: { resourceType: 'Patient', id: 'pad-clti-rest-pain' } }]));

  sandbox = await start({ dataDir: dir });
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SANDBOX_DATA', () => {
  it('loads every good Bundle file, the three Synthea fixtures included, and reports the bad ones by name', () => {
    const data = sandbox.store.data!;
    expect(data.loaded).toEqual(
      expect.arrayContaining([
        ...syntheaFiles().map((f) => path.basename(f)),
        'practitionerInformation.json',
        'Ines_Quarry.json',
        'search-result.json',
      ]),
    );
    expect(data.loaded).toHaveLength(6);
    // The practitioners' file first, so the patients' conditional references can resolve.
    expect(data.loaded[0]).toBe('practitionerInformation.json');
    const why = Object.fromEntries(data.skipped.map((s) => [s.file, s.problem]));
    expect(Object.keys(why).sort()).toEqual(
      [
        'README.txt',
        'broken.json',
        'clash.json',
        'dangling.json',
        'history.json',
        'invalid.json',
        'just-a-patient.json',
        'unknown-practitioner.json',
      ].sort(),
    );
    expect(why['README.txt']).toMatch(/not a \.json file/);
    expect(why['broken.json']).toMatch(/not valid JSON/);
    expect(why['just-a-patient.json']).toMatch(/not a FHIR Bundle \(a Patient\)/);
    expect(why['history.json']).toMatch(/'history' Bundle/);
    expect(why['dangling.json']).toMatch(/entry 2 \(Observation\/.*\) refers to urn:uuid:.*99, which no entry/);
    expect(why['unknown-practitioner.json']).toMatch(/Practitioner\?identifier=.*0000000, which matches nothing/);
    expect(why['invalid.json']).toMatch(/entry 2 \(Observation\/inv-obs\) fails validation: .*Observation\.status/);
    expect(why['clash.json']).toMatch(/Patient\/pad-clti-rest-pain is already in the sandbox/);
  });

  it('skips a bad file whole: nothing of it is in the store', async () => {
    const read = (type: string, id: string) =>
      sandbox.store.repo.readResource(type, id).then(
        () => true,
        () => false,
      );
    expect(await read('Patient', 'inv-1')).toBe(false);
    expect(await read('Patient', '00000000-0000-4000-8000-000000000010')).toBe(false);
  });

  it('lists the loaded patients next to the personas, without the built-in Synthea copies', () => {
    const data = sandbox.store.patients.filter((p) => p.source === 'data');
    expect(data.map((p) => p.name).sort()).toEqual([...synthea.map((s) => s.name), 'Ines Quarry', 'Sam Search'].sort());
    expect(sandbox.store.patients.filter((p) => p.source === 'synthea')).toEqual([]);
    expect(sandbox.store.patients.filter((p) => p.source === 'persona')).toHaveLength(personas.length);
    const renato = data.find((p) => p.id === RENATO)!;
    expect(renato.story).toMatch(
      /^On file: 10 conditions \(.+\), 118 observations, 3 medication orders, .*16 encounters\.$/,
    );
  });

  it('shows them on the launcher with name, age, sex and what is on file, and the skipped files with reasons', async () => {
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).toContain('Your data');
    expect(html).toContain(`name="patient" value="${VITO}"`);
    expect(html).toContain('Ines Quarry');
    expect(html).toMatch(/Ines Quarry<\/strong><span>\d+ y · female<\/span>/);
    expect(html).toContain('On file: 1 condition (Peripheral arterial disease).');
    expect(html).toContain('<code>invalid.json</code>: entry 2 (Observation/inv-obs) fails validation');
  });

  it('serves a loaded chart through a real EHR launch, references resolved', async () => {
    const token = await launchAndToken(sandbox, 'sr-1');
    const obs = (await (await fhir(sandbox, token.access_token, 'Observation?patient=sr-1')).json()) as Bundle;
    expect((obs.entry?.[0]?.resource as Observation).subject?.reference).toBe('Patient/sr-1');

    const ines = sandbox.store.patients.find((p) => p.name === 'Ines Quarry')!;
    const patient = await sandbox.store.repo.readResource('Patient', ines.id);
    expect((patient as { generalPractitioner?: { reference?: string }[] }).generalPractitioner?.[0]?.reference).toBe(
      'Practitioner/00000000-0000-4000-8000-000000000001',
    );

    const renato = await launchAndToken(sandbox, RENATO);
    const res = await fhir(sandbox, renato.access_token, `Observation?patient=${RENATO}&_summary=count`);
    expect(((await res.json()) as Bundle).total).toBe(118);
  });

  it('is read from the environment, relative to the working directory; a missing folder stops the start', async () => {
    expect(sandboxOptionsFromEnv({ SANDBOX_DATA: 'mocks/fixtures/synthea' }).dataDir).toBe(
      path.resolve('mocks/fixtures/synthea'),
    );
    await expect(start({ dataDir: path.join(dir, 'nope') })).rejects.toThrow(/SANDBOX_DATA: .*nope does not exist/);
  });
});
