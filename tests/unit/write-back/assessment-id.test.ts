import {
  assessmentIdentifier,
  assessmentIdentifierToken,
  base64ToUtf8,
  deriveAssessmentId,
  ensureAssessmentId,
  isAssessmentId,
  newAssessmentId,
  utf8ByteLength,
  utf8ToBase64,
} from '@/fhir-mappings/write-back';

describe('assessment id', () => {
  it('is a v4 UUID per draft, reused when valid and replaced when not', () => {
    const id = newAssessmentId();
    expect(isAssessmentId(id)).toBe(true);
    expect(newAssessmentId()).not.toBe(id);
    expect(ensureAssessmentId(id)).toBe(id);
    const fresh = ensureAssessmentId('not-a-uuid');
    expect(isAssessmentId(fresh)).toBe(true);
    expect(ensureAssessmentId(undefined)).not.toBe(fresh);
  });

  it('derives the same v5 UUID for the same seed, a different one otherwise (CLI)', async () => {
    const a = await deriveAssessmentId('patient-1|2026-03-14');
    expect(a).toBe(await deriveAssessmentId('patient-1|2026-03-14'));
    expect(a).not.toBe(await deriveAssessmentId('patient-2|2026-03-14'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Same value as Python's uuid.uuid5(uuid.NAMESPACE_URL, 'patient-1|2026-03-14'): a standard v5, not a look-alike.
    expect(a).toBe('f91114f1-b836-544f-a7c0-fb0e6e20378c');
  });

  it('is filed as a urn:uuid identifier and searched as system|value', () => {
    const id = '3f2b6c1e-8d4a-4b7e-9c21-5a6f0e7d8b90';
    expect(assessmentIdentifier(id)).toEqual({ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${id}` });
    expect(assessmentIdentifierToken(id)).toBe(`urn:ietf:rfc:3986|urn:uuid:${id}`);
  });
});

describe('UTF-8 base64', () => {
  it('round-trips any Unicode text and counts bytes, not characters', () => {
    const text = 'Zoë ≥ 2 µg/L — 日本語 ✓ 🦵\n';
    expect(base64ToUtf8(utf8ToBase64(text))).toBe(text);
    expect(utf8ToBase64('é')).toBe('w6k=');
    expect(utf8ByteLength('é')).toBe(2);
    const long = 'x'.repeat(100_000) + 'é';
    expect(base64ToUtf8(utf8ToBase64(long))).toBe(long);
  });
});
