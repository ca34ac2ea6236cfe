/**
 * The sandbox's server-rendered pages: the launcher (the first thing a newcomer sees), the standalone-launch patient
 * picker and the authorization error page.
 *
 * Plain HTML forms, no client-side script: every control works with a keyboard and a screen reader, and the pages
 * make no third-party request (fonts, icons and styles are inline).
 */
import type { Encounter } from 'fhir/r4';
import { RED_FLAG_IDS } from '../../lib/engine/assessment';
import type { DataFolderReport, SeedPatient, SeedPractitioner } from '../fhir-store';
import type { SandboxFaults } from './faults';
import { parseResourceScope } from './scopes';
import type { Permission } from './scopes';

/** Escape text for HTML content and attribute values. */
export function esc(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root{--ink:#1b2430;--muted:#4a5566;--line:#d5dbe3;--bg:#f4f6f9;--card:#fff;--accent:#1f5fbf;--accent-ink:#fff;
--warn:#8a4b00;--warn-bg:#fff4e0;--danger:#a1262b;--ok:#1d6b3a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0;line-height:1.45}
header.bar{background:#14253d;color:#fff;padding:.9rem 1.5rem}
header.bar .inner{max-width:1180px;margin:0 auto;display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
header.bar h1{font-size:1.25rem;margin:0}header.bar p{margin:0;color:#c9d6ea;font-size:.95rem}
main{max-width:1180px;margin:0 auto;padding:1.25rem 1.5rem 3rem}
h2{font-size:1.1rem;margin:1.75rem 0 .5rem}.panel>h2:first-child{margin-top:0}h2 small{font-weight:400;color:var(--muted);font-size:.9rem}
p.lead{margin:.25rem 0 1rem;color:var(--muted);max-width:70ch}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.row{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-end}
label{font-weight:600;font-size:.9rem;display:block;margin-bottom:.25rem}
.hint{font-weight:400;color:var(--muted);font-size:.85rem}
select,input[type=number],input[type=text]{font:inherit;padding:.35rem .5rem;border:1px solid #9aa6b6;border-radius:6px;
background:#fff;color:var(--ink);min-width:12rem;max-width:100%}
input[type=number]{min-width:7rem;width:7rem}
button,.button{font:inherit;font-weight:600;border-radius:6px;padding:.45rem .9rem;border:1px solid var(--accent);
background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;display:inline-block;white-space:nowrap}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
button:hover,.button:hover{filter:brightness(1.08)}
:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
caption{text-align:left;padding:.6rem .9rem;font-weight:700;background:#e9eef5;border-bottom:1px solid var(--line)}
caption small{font-weight:400;color:var(--muted)}
th,td{text-align:left;vertical-align:top;padding:.6rem .9rem;border-top:1px solid var(--line)}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:#f8fafc;border-top:0}
td.who{min-width:11rem}td.who strong{display:block}td.who span{color:var(--muted);font-size:.9rem}
td.story{max-width:42ch}td.enc select{min-width:0;width:21rem;max-width:100%}td.go{width:1%}
.tags{margin-top:.3rem;display:flex;flex-wrap:wrap;gap:.25rem}
.tag{font-size:.75rem;border-radius:999px;padding:.05rem .5rem;background:#e8eef8;color:#1e3a66;border:1px solid #c8d6ee}
.tag.flag{background:#fdecec;color:var(--danger);border-color:#f3c4c6}.tag.edge{background:#f1f1f1;color:#333;border-color:#d4d4d4}
.warn{background:var(--warn-bg);color:var(--warn);border:1px solid #f1cf9a;border-radius:6px;padding:.5rem .75rem}
details summary{cursor:pointer;font-weight:600}details[open] summary{margin-bottom:.75rem}
fieldset{border:0;padding:0;margin:0}legend{font-weight:700;padding:0;margin-bottom:.5rem}
.checkbox{display:flex;gap:.4rem;align-items:center;font-weight:600}
code{background:#eef1f5;padding:.05rem .3rem;border-radius:4px;font-size:.9em;word-break:break-all}
dl.endpoints{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dl.endpoints dt{font-weight:600}
dl.endpoints dd{margin:0}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0}
ul.patients{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.5rem}
ul.patients li label{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;border:1px solid var(--line);
border-radius:6px;padding:.5rem .6rem;background:#fff;cursor:pointer;height:100%}
ul.patients li label strong{display:block}ul.patients li input{margin-top:.3rem}
ul.scopes{margin:.25rem 0 0;padding-left:1.2rem}
.actions{display:flex;gap:.75rem;margin-top:1rem}
@media (max-width:760px){thead{display:none}table,tbody,tr,td,caption{display:block;width:100%}td.enc{width:100%}tr{border-top:1px solid var(--line)}
td{border:0;padding:.35rem .9rem}td.go{width:auto;padding-bottom:.9rem}}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="bar"><div class="inner"><h1>Nocturne sandbox EHR</h1><p>A stand-in EHR on your machine. Synthetic patients only; no real data.</p></div></header>
<main id="main">
${body}
</main>
</body>
</html>`;
}

/** Human labels for the persona `covers` tags. */
const COVER_LABELS: Record<string, string> = {
  'pad-ischemic-rest-pain': 'PAD / ischaemic rest pain',
  'lumbar-radiculopathy': 'Lumbar radiculopathy',
  'peroneal-neuropathy': 'Peroneal neuropathy',
  'nocturnal-leg-cramps': 'Nocturnal leg cramps',
  'restless-legs-syndrome': 'Restless legs',
  'deep-vein-thrombosis': 'DVT',
  'diabetic-peripheral-neuropathy': 'Diabetic neuropathy',
  'venous-insufficiency': 'Venous insufficiency',
  'suspected-dvt': 'Red flag: suspected DVT',
  'possible-pulmonary-embolism': 'Red flag: possible PE',
  'acute-limb-ischemia': 'Red flag: acute limb ischaemia',
  'chronic-limb-threatening-ischemia': 'Red flag: CLTI',
  'cauda-equina': 'Red flag: cauda equina',
  cellulitis: 'Red flag: cellulitis',
  'progressive-foot-drop': 'Red flag: progressive foot drop',
  'night-pain-malignancy-infection': 'Red flag: malignancy / infection',
  'compartment-syndrome': 'Red flag: compartment syndrome',
  'edge-case': 'Edge case',
  synthea: 'Synthea',
};

function tagClass(cover: string): string {
  if ((RED_FLAG_IDS as readonly string[]).includes(cover)) return 'tag flag';
  if (cover === 'edge-case') return 'tag edge';
  return 'tag';
}

/** Age and sex as the launcher shows them ("67 y · female", "died 1979 aged 69 · male"). */
export function ageSex(p: SeedPatient, now: Date): string {
  const sex = p.gender ?? 'sex not recorded';
  if (!p.birthDate) return `age not recorded · ${sex}`;
  const birth = new Date(p.birthDate);
  const until = typeof p.deceased === 'string' ? new Date(p.deceased) : now;
  let age = until.getUTCFullYear() - birth.getUTCFullYear();
  const m = until.getUTCMonth() - birth.getUTCMonth();
  if (m < 0 || (m === 0 && until.getUTCDate() < birth.getUTCDate())) age--;
  if (p.deceased) {
    const year = typeof p.deceased === 'string' ? `died ${p.deceased.slice(0, 4)}` : 'deceased';
    return `${year} aged ${age} · ${sex}`;
  }
  return `${age} y · ${sex}`;
}

const ENCOUNTER_CLASS: Record<string, string> = {
  AMB: 'outpatient',
  EMER: 'emergency',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  HH: 'home',
  VR: 'virtual',
};

function encounterLabel(e: Encounter): string {
  const date = e.period?.start?.slice(0, 10) ?? 'undated';
  const what =
    e.type?.[0]?.text ?? e.type?.[0]?.coding?.[0]?.display ?? e.class?.display ?? e.class?.code ?? 'Encounter';
  const short = what.replace(/\s*\(procedure\)$/, '').replace(/^Encounter for /, '');
  const setting = ENCOUNTER_CLASS[e.class?.code ?? ''];
  return `${date} · ${short.charAt(0).toUpperCase()}${short.slice(1)}${setting ? ` (${setting})` : ''}`;
}

export interface LauncherModel {
  readonly patients: readonly SeedPatient[];
  readonly encounters: ReadonlyMap<string, readonly Encounter[]>;
  readonly practitioners: readonly SeedPractitioner[];
  readonly appUrl: string;
  readonly fhirBaseUrl: string;
  readonly sandboxUrl: string;
  readonly clientId: string;
  readonly faults: SandboxFaults;
  /** Faults set for the whole server (environment/options): shown so nobody wonders why everything is slow. */
  readonly serverFaults: SandboxFaults;
  readonly practitioner?: string;
  readonly now: Date;
  readonly error?: string;
  /** What `SANDBOX_DATA` loaded and skipped, when set. */
  readonly data?: DataFolderReport;
}

type Group = { title: string; note: string; patients: SeedPatient[] };

function groups(patients: readonly SeedPatient[]): Group[] {
  const g: Group[] = [
    { title: 'Your data', note: 'loaded from SANDBOX_DATA', patients: [] },
    { title: 'Differential', note: 'one persona per branch of the differential', patients: [] },
    { title: 'Red flags', note: 'findings that need action today', patients: [] },
    { title: 'Edge cases', note: 'what real charts throw at the app', patients: [] },
    { title: 'Synthea sample patients', note: 'unmodified public SMART sandbox data', patients: [] },
  ];
  for (const p of patients) {
    if (p.source === 'data') g[0]!.patients.push(p);
    else if (p.source === 'synthea') g[4]!.patients.push(p);
    else if (p.covers.includes('edge-case')) g[3]!.patients.push(p);
    else if ((RED_FLAG_IDS as readonly string[]).includes(p.covers[0] ?? '')) g[2]!.patients.push(p);
    else g[1]!.patients.push(p);
  }
  return g.filter((x) => x.patients.length > 0);
}

/** The launcher page at `/`. */
export function launcherPage(m: LauncherModel): string {
  const standalone = `${m.appUrl}/launch?iss=${encodeURIComponent(m.fhirBaseUrl)}`;
  const practitionerOptions = m.practitioners
    .map(
      (p) =>
        `<option value="${esc(p.id)}"${p.id === m.practitioner ? ' selected' : ''}>${esc(p.name)}${p.role ? ` (${esc(roleLabel(p.role))})` : ''}</option>`,
    )
    .join('');
  const serverFaultNote = describeFaults(m.serverFaults);
  const failTypes = [
    'Observation',
    'Condition',
    'MedicationRequest',
    'Procedure',
    'Encounter',
    'DocumentReference',
    'Patient',
  ];

  const tables = groups(m.patients)
    .map((g, gi) => {
      const rows = g.patients
        .map((p) => {
          const encs = m.encounters.get(p.id) ?? [];
          const encId = `enc-${gi}-${esc(p.id)}`;
          const nameId = `name-${esc(p.id)}`;
          const encOptions = [
            `<option value="">No encounter</option>`,
            ...encs.map(
              (e, i) => `<option value="${esc(e.id)}"${i === 0 ? ' selected' : ''}>${esc(encounterLabel(e))}</option>`,
            ),
          ].join('');
          const tags = p.covers
            .filter((c) => c !== 'synthea' && c !== 'data')
            .map((c) => `<span class="${tagClass(c)}">${esc(COVER_LABELS[c] ?? c)}</span>`)
            .join('');
          return `<tr>
<td class="who"><strong id="${nameId}">${esc(p.name)}</strong><span>${esc(ageSex(p, m.now))}</span></td>
<td class="story">${esc(p.story)}${tags ? `<div class="tags">${tags}</div>` : ''}</td>
<td class="enc"><label class="visually-hidden" for="${encId}">Encounter for ${esc(p.name)}</label><select id="${encId}" name="encounter:${esc(p.id)}">${encOptions}</select></td>
<td class="go"><button type="submit" name="patient" value="${esc(p.id)}">Launch Nocturne<span class="visually-hidden"> for ${esc(p.name)}</span></button></td>
</tr>`;
        })
        .join('\n');
      return `<table>
<caption>${esc(g.title)} <small>· ${esc(g.note)} · ${g.patients.length} patient${g.patients.length === 1 ? '' : 's'}</small></caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Story</th><th scope="col">Encounter</th><th scope="col"><span class="visually-hidden">Launch</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
    })
    .join('\n<div style="height:1rem"></div>\n');

  const body = `
${m.error ? `<p class="warn" role="alert">${esc(m.error)}</p>` : ''}
<p class="lead">Pick a patient and press <strong>Launch Nocturne</strong>: this EHR starts a SMART EHR launch and opens Nocturne at
<code>${esc(m.appUrl)}</code> for that patient, as the clinician chosen below.</p>
${serverFaultNote ? `<p class="warn" role="status">Server-wide fault switches are on: ${esc(serverFaultNote)}.</p>` : ''}
<form method="get" action="/launch/ehr">
<div class="panel">
<div class="row">
<div><label for="practitioner">Signed in as <span class="hint">(the launch's fhirUser)</span></label>
<select id="practitioner" name="practitioner">${practitionerOptions}</select></div>
<div><span class="hint">Or try a <a href="${esc(standalone)}">standalone launch</a>: Nocturne asks this EHR to let you pick a patient.</span></div>
</div>
<details${hasAny(m.faults) ? ' open' : ''} style="margin-top:1rem">
<summary>Fault switches <span class="hint">(for testing how Nocturne copes; they apply to launches from this page)</span></summary>
<fieldset>
<legend class="visually-hidden">Fault switches</legend>
<div class="row">
<div><label for="latency">Added latency per request <span class="hint">(ms)</span></label>
<input id="latency" name="latency" type="number" min="0" max="60000" step="50" inputmode="numeric" value="${esc(m.faults.latencyMs ?? '')}" placeholder="0"></div>
<div><label for="fail">Failing resource type <span class="hint">(answers 500)</span></label>
<select id="fail" name="fail"><option value="">None</option>${failTypes
    .map((t) => `<option${m.faults.failResourceType === t ? ' selected' : ''}>${t}</option>`)
    .join('')}</select></div>
<div><label for="expires">Token expires after <span class="hint">(seconds)</span></label>
<input id="expires" name="expires" type="number" min="1" max="86400" inputmode="numeric" value="${esc(m.faults.tokenExpirySeconds ?? '')}" placeholder="3600"></div>
<div><label for="deny_write">Note write scope <span class="hint">(DocumentReference create)</span></label>
<select id="deny_write" name="deny_write">${(
    [
      ['', 'Granted', undefined],
      ['1', 'Not granted (token lacks it)', true],
      ['refuse', 'Refused (invalid_scope when asked)', 'refuse'],
    ] as const
  )
    .map(
      ([value, label, setting]) =>
        `<option value="${value}"${m.faults.denyWrite === setting ? ' selected' : ''}>${label}</option>`,
    )
    .join('')}</select></div>
<div><button type="submit" class="secondary" formaction="/">Keep these settings</button></div>
</div>
</fieldset>
</details>
</div>
${m.data ? dataPanel(m.data) : ''}
<h2>Patients <small>· ${m.patients.length} ${m.data ? '' : 'synthetic '}patients</small></h2>
${tables}
</form>
<h2>For developers</h2>
<div class="panel">
<dl class="endpoints">
<dt>FHIR base (iss)</dt><dd><code>${esc(m.fhirBaseUrl)}</code></dd>
<dt>SMART configuration</dt><dd><a href="${esc(m.fhirBaseUrl)}/.well-known/smart-configuration"><code>${esc(m.fhirBaseUrl)}/.well-known/smart-configuration</code></a></dd>
<dt>CapabilityStatement</dt><dd><a href="${esc(m.fhirBaseUrl)}/metadata"><code>${esc(m.fhirBaseUrl)}/metadata</code></a></dd>
<dt>Client id</dt><dd><code>${esc(m.clientId)}</code> (public client, PKCE S256)</dd>
<dt>Standalone launch</dt><dd><code>${esc(standalone)}</code></dd>
</dl>
</div>`;
  return layout('Nocturne sandbox EHR — launch a patient', body);
}

/** What `SANDBOX_DATA` loaded, and every file it skipped with the reason, so an integrator can fix their export. */
function dataPanel(d: DataFolderReport): string {
  const skipped = d.skipped.map((s) => `<li><code>${esc(s.file)}</code>: ${esc(s.problem)}</li>`).join('');
  return `<div class="panel" role="status"><h2>Your data <small>· <code>${esc(d.dir)}</code></small></h2>
<p>${d.loaded.length} file${d.loaded.length === 1 ? '' : 's'} loaded (${d.resources} resources)${d.skipped.length ? `; ${d.skipped.length} skipped:` : '.'}</p>
${skipped ? `<ul class="warn">${skipped}</ul>` : ''}</div>`;
}

/** The standalone launch's patient picker (shown by `/auth/authorize`). */
export function pickerPage(m: {
  readonly pickId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly patients: readonly SeedPatient[];
  readonly practitioners: readonly SeedPractitioner[];
  readonly now: Date;
}): string {
  const patients = m.patients
    .map(
      (p, i) => `<li><label><input type="radio" name="patient" value="${esc(p.id)}" required${i === 0 ? '' : ''}>
<span><strong>${esc(p.name)}</strong><span class="hint">${esc(ageSex(p, m.now))}</span></span></label></li>`,
    )
    .join('\n');
  const scopes = m.scopes.map((s) => `<li><code>${esc(s)}</code> — ${esc(explainScope(s))}</li>`).join('');
  const body = `
<h2>Choose a patient for ${esc(m.clientId)}</h2>
<p class="lead">This is a standalone launch: the app did not come from a patient's chart, so the EHR asks which patient it may open.</p>
<form method="post" action="/auth/pick">
<input type="hidden" name="pick" value="${esc(m.pickId)}">
<div class="panel">
<fieldset><legend>Patient</legend>
<ul class="patients">
${patients}
</ul></fieldset>
</div>
<div class="panel">
<label for="practitioner">Signed in as</label>
<select id="practitioner" name="practitioner">${m.practitioners
    .map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`)
    .join('')}</select>
<details style="margin-top:1rem"><summary>What ${esc(m.clientId)} will be allowed to do</summary><ul class="scopes">${scopes}</ul></details>
</div>
<div class="actions"><button type="submit" name="action" value="allow">Allow and open</button>
<button type="submit" name="action" value="deny" class="secondary" formnovalidate>Cancel</button></div>
</form>`;
  return layout('Choose a patient — Nocturne sandbox EHR', body);
}

/** An authorization error shown instead of redirecting (unknown client, unregistered redirect URI…). */
export function errorPage(title: string, message: string): string {
  return layout(
    `${title} — Nocturne sandbox EHR`,
    `<div class="panel" role="alert"><h2>${esc(title)}</h2><p>${esc(message)}</p></div>
<p><a href="/">Back to the sandbox launcher</a></p>`,
  );
}

function explainScope(raw: string): string {
  const fixed: Record<string, string> = {
    launch: 'receive the launch context from the EHR',
    'launch/patient': 'know which patient is open',
    'launch/encounter': 'know which encounter is open',
    openid: 'confirm who you are',
    fhirUser: 'know your user record',
    profile: 'know your user record',
    offline_access: 'stay signed in after you close it',
    online_access: 'stay signed in while you are',
  };
  if (fixed[raw]) return fixed[raw];
  const scope = parseResourceScope(raw);
  if (!scope) return 'unrecognised';
  const verbs: Record<Permission, string> = { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' };
  const what = scope.resourceType === '*' ? 'all record types' : scope.resourceType;
  const allowed = (['r', 's', 'c', 'u', 'd'] as const).filter((p) => scope.permissions.has(p)).map((p) => verbs[p]);
  const where = scope.context === 'patient' ? "in this patient's record" : 'you can access';
  return `${allowed.join(', ')} ${what} ${where}${scope.query ? ` (only ${scope.query})` : ''}`;
}

function roleLabel(role: string): string {
  return role === 'MD' ? 'physician' : role === 'NP' ? 'nurse practitioner' : role;
}

function hasAny(f: SandboxFaults): boolean {
  return Boolean(f.latencyMs || f.failResourceType || f.tokenExpirySeconds || f.denyWrite);
}

/** "200 ms latency, Observation fails" — for the banner about server-wide faults. */
export function describeFaults(f: SandboxFaults): string {
  const parts: string[] = [];
  if (f.latencyMs) parts.push(`${f.latencyMs} ms added latency`);
  if (f.failResourceType) parts.push(`${f.failResourceType} requests fail (500)`);
  if (f.tokenExpirySeconds) parts.push(`tokens expire after ${f.tokenExpirySeconds} s`);
  if (f.denyWrite) parts.push(f.denyWrite === 'refuse' ? 'note write scope refused' : 'note write scope not granted');
  return parts.join(', ');
}
