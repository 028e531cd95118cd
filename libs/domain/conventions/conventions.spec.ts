import { bindingAnnexes, checkAnnexSelection, conventionDefinition } from './annex-selection';
import { ConventionCatalogue } from './convention-definition';
import { CONVENTIONS_V1 } from './conventions.v1';
import { entryIntoForceDate } from './entry-into-force';

describe('convention catalogue v1', () => {
  it('has each known convention once, deposited with the WCO Secretary General, named in both languages', () => {
    expect(CONVENTIONS_V1.conventions.map((c) => c.code)).toEqual(['RKC', 'ISTANBUL', 'ATA', 'HS']);
    for (const c of CONVENTIONS_V1.conventions) {
      expect(c.depositary.en).toMatch(/Secretary General of the World Customs Organization/);
      for (const text of [c.name, c.shortName, c.depositary, c.reservations.scope, ...c.annexes.map((a) => a.title)]) {
        expect(text.en.trim()).not.toBe('');
        expect(text.mn.trim()).not.toBe('');
      }
      expect(new Set(c.annexes.map((a) => a.code)).size).toBe(c.annexes.length);
      // Every rule in the catalogue computes.
      expect(entryIntoForceDate(c.entryIntoForce, '2026-09-15')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each([
    ['RKC', '2026-09-15', '2026-12-15'],
    ['ISTANBUL', '2026-11-30', '2027-02-28'],
    ['ATA', '2027-11-30', '2028-02-29'],
    ['HS', '2026-09-15', '2028-01-01'],
  ])('%s deposited on %s enters into force on %s', (code, deposit, eif) => {
    expect(entryIntoForceDate(conventionDefinition(code).entryIntoForce, deposit)).toBe(eif);
  });

  it('RKC: General Annex mandatory, Specific Annexes A to K (there is no I) optional; reservations only outside the General Annex', () => {
    const rkc = conventionDefinition('RKC');
    expect(rkc.annexes.filter((a) => a.mandatory).map((a) => a.code)).toEqual(['GENERAL']);
    expect(rkc.annexes.filter((a) => !a.mandatory).map((a) => a.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K']);
    expect(rkc.reservations.allowed).toBe(true);
    expect(rkc.reservations.scope.en).toMatch(/No reservations to the General Annex/);
  });

  it('Istanbul: Annex A mandatory plus at least one of B.1-B.9, C, D, E', () => {
    const ist = conventionDefinition('ISTANBUL');
    expect(ist.annexes.filter((a) => a.mandatory).map((a) => a.code)).toEqual(['A']);
    expect(ist.annexes.filter((a) => !a.mandatory).map((a) => a.code)).toEqual(['B.1', 'B.2', 'B.3', 'B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'C', 'D', 'E']);
    expect(ist.minimumOptionalAnnexes).toBe(1);
  });

  it('HS permits no reservations; ATA only the postal-traffic declaration', () => {
    expect(conventionDefinition('HS').reservations.allowed).toBe(false);
    expect(conventionDefinition('ATA').reservations.scope.en).toMatch(/postal traffic/);
  });

  it.each([
    ['ISTANBUL', [], ['too_few_optional_annexes']],
    ['ISTANBUL', ['A'], ['too_few_optional_annexes']],
    ['ISTANBUL', ['B.1'], []],
    ['ISTANBUL', ['A', 'B.2', 'E'], []],
    ['ISTANBUL', ['B.1', 'B.10'], ['unknown_annex']],
    ['RKC', [], []],
    ['RKC', ['I'], ['unknown_annex']],
    ['HS', ['NOMENCLATURE'], []],
  ])('annex selection for %s of %j: %j', (code, accepted, reasons) => {
    const problems = checkAnnexSelection(conventionDefinition(code), accepted);
    expect(problems.map((p) => p.reason)).toEqual(reasons);
    for (const p of problems) expect(p.message.mn.length).toBeGreaterThan(0);
  });

  it('lists the binding annexes in the Convention order', () => {
    expect(bindingAnnexes(conventionDefinition('RKC'), ['K', 'A'])).toEqual(['GENERAL', 'A', 'K']);
    expect(bindingAnnexes(conventionDefinition('ISTANBUL'), ['E'])).toEqual(['A', 'E']);
  });

  it('looks conventions up in any catalogue, and refuses unknown codes', () => {
    const custom: ConventionCatalogue = {
      version: 'custom-1',
      conventions: [{ ...conventionDefinition('ATA'), code: 'NAIROBI', entryIntoForce: { type: 'months_after_deposit', months: 6 } }],
    };
    expect(conventionDefinition('NAIROBI', custom).entryIntoForce).toEqual({ type: 'months_after_deposit', months: 6 });
    expect(() => conventionDefinition('NAIROBI')).toThrow(/not in catalogue conventions-v1/);
  });
});
