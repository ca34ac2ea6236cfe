import { loadNoteDraft, noteDraftKey, startNewNoteDraft, writeNoteDraft } from '@/lib/queries/note-draft';
import type { DraftScope } from '@/lib/form/draft';

const scope: DraftScope = { serverUrl: 'https://ehr.test/fhir', patientId: 'p1', encounterId: 'e1' };

describe('note draft (sessionStorage)', () => {
  it('keeps one assessment id per scope across loads (reloads reuse it)', () => {
    const first = loadNoteDraft(scope);
    expect(loadNoteDraft(scope).assessmentId).toBe(first.assessmentId);
    expect(loadNoteDraft({ ...scope, patientId: 'p2' }).assessmentId).not.toBe(first.assessmentId);
    expect(loadNoteDraft({ ...scope, encounterId: null }).assessmentId).not.toBe(first.assessmentId);
  });

  it('stores edits with the text they were made against', () => {
    const d = loadNoteDraft(scope);
    writeNoteDraft(scope, { ...d, edit: { text: 'edited', baseText: 'generated' } });
    expect(loadNoteDraft(scope)).toEqual({
      assessmentId: d.assessmentId,
      edit: { text: 'edited', baseText: 'generated' },
    });
  });

  it('replaces an unreadable draft with a fresh id instead of failing', () => {
    sessionStorage.setItem(noteDraftKey(scope), '{not json');
    const d = loadNoteDraft(scope);
    expect(d.assessmentId).toMatch(/^[0-9a-f-]{36}$/);
    sessionStorage.setItem(noteDraftKey(scope), JSON.stringify({ v: 1, assessmentId: 'x' }));
    expect(loadNoteDraft(scope).assessmentId).not.toBe('x');
  });

  it('a new note gets a new id and no edits', () => {
    const d = loadNoteDraft(scope);
    writeNoteDraft(scope, { ...d, edit: { text: 'a', baseText: 'b' }, filedText: 'a' });
    const next = startNewNoteDraft(scope);
    expect(next.assessmentId).not.toBe(d.assessmentId);
    expect(loadNoteDraft(scope)).toEqual({ assessmentId: next.assessmentId });
  });
});
