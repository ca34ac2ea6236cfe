/**
 * The launch benchmark's yardstick (issue 13): a minimal static SMART app — two HTML pages and fhirclient's own
 * browser build, no framework, no build step — that does what Nocturne's launch does up to the first clinical value:
 * EHR launch (discovery, PKCE S256, authorise), code exchange, the same chart reads in parallel, and one value on
 * screen (the latest right ABI).
 *
 * Why it lives in the benchmark and never in the app: it exists only to say what a launch costs when the app adds
 * nothing (no React, no hydration, no mapping, no engine), so "Nocturne is N× a bare app" is measured on the same
 * machine, under the same load, against the same sandbox. It keeps the same security properties a real app needs at
 * this stage (PKCE required, `state`, tokens in sessionStorage) so the comparison is fair.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

/** fhirclient's browser build without polyfills: what a minimal modern page would load. */
const FHIRCLIENT_BUILD = 'node_modules/fhirclient/build/fhir-client.pure.min.js';

export interface BareAppOptions {
  /** Repository root (to find fhirclient's browser build). */
  readonly root: string;
  readonly port: number;
  readonly clientId: string;
  /** Space-separated scopes, the same Nocturne requests. */
  readonly scope: string;
  /**
   * The chart reads, as FHIR search paths relative to the base with `{patient}` where the patient id goes (the same
   * searches Nocturne's data layer sends).
   */
  readonly reads: readonly string[];
}

export interface BareApp {
  /** `http://localhost:<port>` */
  readonly url: string;
  /** The redirect URI to register with the sandbox. */
  readonly redirectUri: string;
  /** The launch URL for an EHR launch. */
  launchUrl(iss: string, launch: string): string;
  close(): Promise<void>;
}

/** `<script>` content is data from this module only; JSON in a script still needs `<` escaped. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function launchPage(options: BareAppOptions): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare SMART app: launching</title>
<p>Launching…</p>
<script src="/fhir-client.js"></script>
<script>
FHIR.oauth2.authorize({ clientId: ${scriptJson(options.clientId)}, scope: ${scriptJson(options.scope)},
  redirectUri: "/index.html", pkceMode: "required", completeInTarget: true });
</script></html>`;
}

function indexPage(options: BareAppOptions): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare SMART app</title>
<p>Right ABI: <output id="abi">…</output></p>
<script src="/fhir-client.js"></script>
<script>
const READS = ${scriptJson(options.reads)};
FHIR.oauth2.ready().then(async (client) => {
  const patient = client.patient.id;
  const paths = ["Patient/" + encodeURIComponent(patient), ...READS.map((r) => r.replace("{patient}", encodeURIComponent(patient)))];
  const bodies = await Promise.all(paths.map((p) => client.request(p)));
  const observations = bodies.flatMap((b) => (b && b.entry ? b.entry.map((e) => e.resource) : []))
    .filter((r) => r && r.resourceType === "Observation");
  const isAbi = (o) => (o.code && o.code.coding || []).some((c) => c.code === "446841001");
  const isRight = (o) => /right/i.test((o.bodySite && o.bodySite.text) || "");
  const latest = observations.filter((o) => isAbi(o) && isRight(o) && o.valueQuantity)
    .sort((a, b) => String(b.effectiveDateTime).localeCompare(String(a.effectiveDateTime)))[0];
  document.getElementById("abi").textContent = latest ? latest.valueQuantity.value.toFixed(2) : "not on file";
}).catch((e) => { document.getElementById("abi").textContent = "error: " + e.message; });
</script></html>`;
}

/** Starts the bare app on loopback. */
export function startBareApp(options: BareAppOptions): Promise<BareApp> {
  const script = readFileSync(path.join(options.root, FHIRCLIENT_BUILD));
  const pages: Record<string, { type: string; body: string | Buffer }> = {
    '/launch.html': { type: 'text/html; charset=utf-8', body: launchPage(options) },
    '/index.html': { type: 'text/html; charset=utf-8', body: indexPage(options) },
    // Cacheable like any static asset a real deployment would serve.
    '/fhir-client.js': { type: 'text/javascript; charset=utf-8', body: script },
  };
  const server: Server = createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!page) return void res.writeHead(404).end();
    res
      .writeHead(200, {
        'Content-Type': page.type,
        'Cache-Control': page.type.startsWith('text/javascript') ? 'public, max-age=3600' : 'no-store',
      })
      .end(page.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, 'localhost', () => {
      const url = `http://localhost:${options.port}`;
      resolve({
        url,
        redirectUri: `${url}/index.html`,
        launchUrl: (iss, launch) => `${url}/launch.html?${new URLSearchParams({ iss, launch }).toString()}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
