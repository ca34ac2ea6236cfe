/**
 * The decision-support statement, shown once per screen, in plain words. The engine owns the wording (it is
 * also written into every note); the default covers screens rendered before an assessment exists.
 */
export const DEFAULT_DISCLAIMER = 'Decision support for a clinician — not a diagnosis.';

export function Disclaimer({ text = DEFAULT_DISCLAIMER }: { text?: string }) {
  return (
    <p className="disclaimer" role="note">
      <strong>{text}</strong>
    </p>
  );
}
