import ExcelJS from 'exceljs';
import type { DashboardListRow } from '../../../../libs/db';
import { PROPOSAL_EXPORT_HEADERS, proposalsCsv, proposalsXlsx } from './proposal-export';

const row = (o: Partial<DashboardListRow> = {}): DashboardListRow => ({
  id: '5f0c6a2e-1b2c-4d5e-8f90-123456789abc',
  kind: 'accession',
  titleEn: 'Accession to the "Revised" Kyoto Convention, 1999',
  titleMn: 'Киотогийн шинэчилсэн конвенц',
  stage: 'TRANSLATION',
  status: 'open',
  division: 'international-cooperation',
  ownerId: 'a0c6a2e1-1b2c-4d5e-8f90-123456789abc',
  ownerNameMn: 'Г. Ганбаатар',
  ownerNameLatin: 'G. Ganbaatar',
  stageEnteredAt: new Date('2026-03-01T16:30:00Z'),
  dueAt: new Date('2026-04-30T16:30:00Z'),
  createdAt: new Date('2026-02-27T23:59:00Z'),
  updatedAt: new Date('2026-03-01T16:30:00Z'),
  overdue: true,
  ...o,
});

/** Minimal RFC 4180 reader for the assertions. */
function cells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
}

describe('proposal export', () => {
  it('writes CSV with a BOM, bilingual headers, quoted cells and Ulaanbaatar times', () => {
    const csv = proposalsCsv([row()], 'en');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [head, first] = csv.slice(1).split('\r\n');
    expect(cells(head)).toEqual(PROPOSAL_EXPORT_HEADERS);
    const c = cells(first);
    expect(c[1]).toBe('Accession to the "Revised" Kyoto Convention, 1999');
    expect(c[5]).toBe('Translation into Mongolian');
    expect(c[8]).toBe('G. Ganbaatar');
    // 23:59 UTC on the 27th is 07:59 on the 28th in Ulaanbaatar.
    expect(c[9]).toBe('2026-02-28 07:59');
    expect(c[11]).toBe('2026-05-01 00:30');
    expect(c[12]).toBe('yes');
    expect(cells(proposalsCsv([row()], 'mn').split('\r\n')[1])[5]).toBe('Монгол хэлнээ орчуулах');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const c = cells(proposalsCsv([row({ titleEn: '=HYPERLINK("http://evil")', titleMn: '@SUM(A1)', dueAt: null })], 'en').split('\r\n')[1]);
    expect(c[1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(c[2]).toBe(`'@SUM(A1)`);
    expect(c[11]).toBe('');
  });

  it('writes an XLSX whose date cells hold Ulaanbaatar wall time', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await proposalsXlsx([row(), row({ id: 'x' })], 'mn', new Date())) as never);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('Саналууд');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(2).value).toBe('Title (EN) / Гарчиг (англи)');
    expect((sheet.getRow(2).getCell(10).value as Date).toISOString()).toBe('2026-02-28T07:59:00.000Z');
    expect(sheet.getRow(2).getCell(6).value).toBe('Монгол хэлнээ орчуулах');
  });
});
