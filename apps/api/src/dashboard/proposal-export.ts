import ExcelJS from 'exceljs';
import type { DashboardListRow } from '../../../../libs/db';
import { formatUlaanbaatarDateTime, ULAANBAATAR_UTC_OFFSET_MS } from '../../../../libs/domain';
import { stageLabel } from '../../../../libs/domain/process/stage-labels';

type Language = 'mn' | 'en';

interface Column {
  header: string;
  width: number;
  value: (r: DashboardListRow, lang: Language) => string | Date | null;
  date?: boolean;
}

/** Headers carry both languages, as the remarks CSV does: the file is shared with people of either. */
const COLUMNS: Column[] = [
  { header: 'ID', width: 38, value: (r) => r.id },
  { header: 'Title (EN) / Гарчиг (англи)', width: 50, value: (r) => r.titleEn },
  { header: 'Title (MN) / Гарчиг (монгол)', width: 50, value: (r) => r.titleMn },
  { header: 'Kind / Төрөл', width: 12, value: (r) => r.kind },
  { header: 'Stage code / Үе шатны код', width: 18, value: (r) => r.stage },
  { header: 'Stage / Үе шат', width: 34, value: (r, lang) => stageLabel(r.kind, r.stage)[lang] },
  { header: 'Status / Төлөв', width: 11, value: (r) => r.status },
  { header: 'Division / Хэлтэс', width: 24, value: (r) => r.division ?? '' },
  { header: 'Owner / Хариуцагч', width: 26, value: (r, lang) => (lang === 'mn' ? r.ownerNameMn : r.ownerNameLatin) ?? '' },
  { header: 'Created (UB) / Үүсгэсэн', width: 17, value: (r) => r.createdAt, date: true },
  { header: 'In stage since (UB) / Үе шатанд орсон', width: 17, value: (r) => r.stageEnteredAt, date: true },
  { header: 'Stage due (UB) / Үе шатны хугацаа', width: 17, value: (r) => r.dueAt, date: true },
  { header: 'Overdue / Хугацаа хэтэрсэн', width: 10, value: (r) => (r.overdue ? 'yes' : 'no') },
];

export const PROPOSAL_EXPORT_HEADERS = COLUMNS.map((c) => c.header);

export function csvCell(v: string): string {
  // Quote every cell; a leading = + - @ would be run as a formula by spreadsheet software, so it is neutralised.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV (UTF-8 with BOM so Excel reads Mongolian, CRLF lines), dates as Ulaanbaatar wall time. */
export function proposalsCsv(rows: DashboardListRow[], lang: Language): string {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) {
    lines.push(
      COLUMNS.map((c) => {
        const v = c.value(r, lang);
        return csvCell(v instanceof Date || (c.date && v) ? formatUlaanbaatarDateTime(new Date(v as Date)) : String(v ?? ''));
      }).join(','),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** XLSX with real date cells (Ulaanbaatar wall time; Excel has no time zones), a frozen header and a filter. */
export async function proposalsXlsx(rows: DashboardListRow[], lang: Language, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Accord';
  wb.created = generatedAt;
  const ws = wb.addWorksheet(lang === 'mn' ? 'Саналууд' : 'Proposals', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}) }));
  for (const r of rows) {
    ws.addRow(
      COLUMNS.map((c) => {
        const v = c.value(r, lang);
        if (c.date) return v ? new Date(new Date(v as Date).getTime() + ULAANBAATAR_UTC_OFFSET_MS) : null;
        return v;
      }),
    );
  }
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
