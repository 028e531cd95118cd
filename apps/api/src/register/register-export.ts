import ExcelJS from 'exceljs';
import { csvCell } from '../dashboard/proposal-export';
import type { RegisterEntry } from './register-entry';

type Language = 'mn' | 'en';

interface Column {
  header: string;
  width: number;
  value: (e: RegisterEntry, lang: Language) => string | null;
  /** A calendar date (YYYY-MM-DD): a real date cell in XLSX. */
  date?: boolean;
}

/** Headers in both languages, as the proposals export: the file is shared with people of either. */
const COLUMNS: Column[] = [
  { header: 'Category / Ангилал', width: 12, value: (e) => e.category },
  { header: 'Title (EN) / Гарчиг (англи)', width: 60, value: (e) => e.title.en },
  { header: 'Title (MN) / Гарчиг (монгол)', width: 60, value: (e) => e.title.mn },
  { header: 'Instrument type / Баримт бичгийн төрөл', width: 30, value: (e, l) => e.instrumentTypeLabel[l] },
  { header: 'Convention / Конвенц', width: 10, value: (e) => e.conventionCode },
  { header: 'Country code / Улсын код', width: 8, value: (e) => e.counterpartCountry },
  { header: 'Counterpart country / Улс', width: 22, value: (e, l) => e.counterpartCountryName?.[l] ?? null },
  { header: 'Counterpart authority or depositary / Нөгөө тал эсвэл хадгалагч', width: 40, value: (e, l) => e.counterpartAuthority ?? e.depositary?.[l] ?? null },
  { header: 'Status / Төлөв', width: 24, value: (e, l) => e.statusLabel[l] },
  { header: 'Deposit / Хадгалуулсан', width: 12, value: (e) => e.depositDate, date: true },
  { header: 'Signature / Гарын үсэг зурсан', width: 12, value: (e) => e.signatureDate, date: true },
  { header: 'Entry into force / Хүчин төгөлдөр болсон', width: 12, value: (e) => e.entryIntoForce, date: true },
  { header: 'Ends / Дуусах', width: 12, value: (e) => e.endDate, date: true },
  { header: 'Annexes / Хавсралт', width: 24, value: (e) => e.annexes.map((a) => a.code).join('; ') },
  { header: 'Reservations / Тайлбар, хязгаарлалт', width: 40, value: (e) => e.reservations.join('; ') },
  { header: 'Act / Батласан акт', width: 20, value: (e) => (e.act ? `${e.act.number}${e.act.date ? ` (${e.act.date})` : ''}` : null) },
  { header: 'Validity / Хүчинтэй хугацаа', width: 50, value: (e, l) => e.validity?.[l] ?? null },
  { header: 'Next deadline / Дараагийн хугацаа', width: 40, value: (e, l) => e.nextDeadline?.label[l] ?? null },
  { header: 'Next deadline date / Огноо', width: 12, value: (e) => e.nextDeadline?.date ?? null, date: true },
  { header: 'Imported / Импортолсон', width: 10, value: (e) => (e.imported ? 'yes' : 'no') },
  { header: 'ID', width: 38, value: (e) => e.id },
];

export const REGISTER_EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/** CSV (UTF-8 with BOM so Excel reads Mongolian, CRLF lines). */
export function registerCsv(entries: RegisterEntry[], lang: Language): string {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const e of entries) lines.push(COLUMNS.map((c) => csvCell(c.value(e, lang) ?? '')).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** XLSX with real date cells, a frozen header and a filter. */
export async function registerXlsx(entries: RegisterEntry[], lang: Language, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Accord';
  wb.created = generatedAt;
  const ws = wb.addWorksheet(lang === 'mn' ? 'Гэрээний бүртгэл' : 'Treaty register', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.date ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  for (const e of entries) {
    ws.addRow(
      COLUMNS.map((c) => {
        const v = c.value(e, lang);
        // A calendar date is midnight of that day (Excel has no time zones).
        return c.date ? (v ? new Date(`${v}T00:00:00Z`) : null) : v;
      }),
    );
  }
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
