/**
 * The workup ticked for the plan: kept per server + patient + encounter in this tab's sessionStorage, never thrown
 * on, and anything unreadable ignored rather than partly applied.
 */
import { describe, expect, it, vi } from 'vitest';
import { scopedKey } from '@/lib/form/session-json';
import { loadPlannedWorkup, savePlannedWorkup } from '@/lib/ui/workup-plan-store';

const scope = { serverUrl: 'http://ehr/fhir', patientId: 'p1', encounterId: 'e1' };

describe('workup plan store', () => {
  it('keeps the ticks per patient and encounter', () => {
    expect(loadPlannedWorkup(scope)).toEqual([]);
    expect(savePlannedWorkup(scope, ['vascular-referral', 'arterial-duplex'])).toBe(true);
    expect(loadPlannedWorkup(scope)).toEqual(['vascular-referral', 'arterial-duplex']);
    expect(loadPlannedWorkup({ ...scope, encounterId: 'e2' })).toEqual([]);
    expect(loadPlannedWorkup({ ...scope, patientId: 'p2' })).toEqual([]);
  });

  it('ignores anything that is not a list of item ids', () => {
    const key = scopedKey('nocturne:workup-plan:', scope);
    for (const raw of ['{', '"x"', '[1]', '["<script>"]', JSON.stringify(Array.from({ length: 201 }, () => 'a'))]) {
      sessionStorage.setItem(key, raw);
      expect(loadPlannedWorkup(scope)).toEqual([]);
    }
  });

  it('works without storage (a sandboxed iframe) instead of throwing', () => {
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    expect(savePlannedWorkup(scope, ['abi'])).toBe(false);
    spy.mockRestore();
  });
});
