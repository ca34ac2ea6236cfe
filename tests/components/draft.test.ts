import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, saveDraft, type DraftScope } from '@/lib/form/draft';

const scope: DraftScope = { serverUrl: 'http://localhost:4010/fhir', patientId: 'pat-1', encounterId: 'enc-1' };

describe('form draft (sessionStorage)', () => {
  it('has no draft at first', () => {
    expect(loadDraft(scope)).toEqual({ status: 'none', answers: {} });
  });

  it('restores what was saved for the same patient and encounter', () => {
    const answers = { onset: 'gradual' as const, exam: { coolFoot: true }, relievedBy: ['dangling-leg' as const] };
    expect(saveDraft(scope, answers, '2026-11-26T12:00:00Z')).toBe(true);
    expect(loadDraft(scope)).toEqual({ status: 'restored', answers, savedAt: '2026-11-26T12:00:00Z' });
  });

  it('keeps drafts apart per patient, encounter and server', () => {
    saveDraft(scope, { onset: 'sudden' }, 'x');
    expect(loadDraft({ ...scope, patientId: 'pat-2' }).status).toBe('none');
    expect(loadDraft({ ...scope, encounterId: null }).status).toBe('none');
    expect(loadDraft({ ...scope, serverUrl: 'https://ehr.example/fhir' }).status).toBe('none');
  });

  it('ignores a corrupted draft with a notice, removes it, and never throws', () => {
    sessionStorage.setItem(draftKey(scope), '{not json');
    const first = loadDraft(scope);
    expect(first.status).toBe('corrupted');
    expect(first.answers).toEqual({});
    if (first.status === 'corrupted') expect(first.notice).toMatch(/could not be read/);
    expect(sessionStorage.getItem(draftKey(scope))).toBeNull();
    expect(loadDraft(scope).status).toBe('none');
  });

  it('ignores a draft that no longer matches the form schema (validated with zod)', () => {
    sessionStorage.setItem(
      draftKey(scope),
      JSON.stringify({ v: 1, savedAt: 'x', answers: { exam: { coolFoot: 'yes' }, colour: 'red' } }),
    );
    expect(loadDraft(scope).status).toBe('corrupted');
    sessionStorage.setItem(draftKey(scope), JSON.stringify({ v: 99, savedAt: 'x', answers: {} }));
    expect(loadDraft(scope).status).toBe('corrupted');
    sessionStorage.setItem(draftKey(scope), 'null');
    expect(loadDraft(scope).status).toBe('corrupted');
  });

  it('clears the draft (after the note is saved)', () => {
    saveDraft(scope, { onset: 'sudden' }, 'x');
    clearDraft(scope);
    expect(loadDraft(scope).status).toBe('none');
  });
});
