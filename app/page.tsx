/**
 * The landing page: what someone sees when Nocturne is opened without an EHR launch. It says plainly that the app
 * needs a patient from an EHR, and links to the local SMART sandbox launcher (from configuration) for trying it.
 */
import { getServerConfig } from '@/lib/config/server';
import { Disclaimer } from '@/lib/ui/disclaimer';

export default function HomePage() {
  const result = getServerConfig();
  const sandboxUrl = result.ok ? result.config.sandboxUrl : undefined;
  return (
    <main className="landing" data-testid="landing">
      <h1>Nocturne</h1>
      <p className="lead">Assessment of leg pain that starts or worsens when lying down.</p>
      <Disclaimer />
      <section aria-labelledby="start-ehr">
        <h2 id="start-ehr">Start from the EHR</h2>
        <p>
          Nocturne opens for one patient from inside the EHR (SMART on FHIR). Open the patient’s chart and choose
          Nocturne from the app menu; this page is not connected to any patient.
        </p>
      </section>
      {sandboxUrl ? (
        <section aria-labelledby="start-sandbox">
          <h2 id="start-sandbox">Try it without an EHR</h2>
          <p>The local SMART sandbox plays the EHR, with synthetic patients for each part of the differential.</p>
          <a className="button cta" href={sandboxUrl}>
            Open the sandbox launcher
          </a>
        </section>
      ) : null}
      <section aria-labelledby="what">
        <h2 id="what">What it does</h2>
        <p>
          It reads the relevant chart data (vascular tests, diabetes, prior clots, kidney disease, iron studies,
          electrolytes, medications, recent surgery), adds a short symptom and exam form, and shows red flags first, a
          ranked differential with the evidence behind each ranking, and suggested workup.
        </p>
      </section>
    </main>
  );
}
