import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { ImportProblem } from './register-import-record';

/**
 * Reads a treaty-register import file into raw records (checked afterwards by checkImportRecords).
 *
 * JSON: `{ "records": [ {...}, ... ] }` (other top-level keys are documentation and ignored) or a bare array.
 * Each record is an object with `category` "convention" or "bilateral"; see test/fixtures/treaty-register/.
 *
 * CSV (UTF-8, a header row, comma-separated, quoted where needed; parsed by exceljs' CSV reader): one column per
 * field, empty cells are left out, and these columns stand for the structured fields of the JSON form:
 *   annexesAccepted, reservations      several values separated by "|"
 *   documents                          kind=path|kind=path
 *   signatoryMongolia, signatoryCounterpart            "Name, Title"
 *   mongoliaNotificationDate / mongoliaNotificationRef, counterpartNotificationDate / counterpartNotificationRef
 *   ratificationActKind, ratificationActNumber, ratificationActDate
 *   validityYears (empty: in force until terminated), renewalPeriodYears (empty: no automatic renewal),
 *   noticeMonths, reviewLeadMonths
 *   terminationInitiatedBy, terminationNoticeDate, terminationEffectiveDate, terminationReason
 *   entryIntoForceRule                 on_signature | on_last_notification | days_after_last_notification:30 |
 *                                      first_day_of_month_after_last_notification:1
 * Contact points can only be given in JSON.
 */

export type ImportFormat = 'json' | 'csv';

export function importFormatOf(path: string): ImportFormat | null {
  const lower = path.toLowerCase();
  return lower.endsWith('.json') ? 'json' : lower.endsWith('.csv') ? 'csv' : null;
}

const fileProblem = (field: string, reason: string, reasonMn: string): ImportProblem => ({ record: 0, key: null, field, reason, reasonMn });

export function readJsonRecords(text: string): { records: unknown[]; problems: ImportProblem[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { records: [], problems: [fileProblem('(file)', `is not valid JSON: ${(err as Error).message}`, `JSON буруу байна: ${(err as Error).message}`)] };
  }
  const records = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? (parsed as { records?: unknown }).records : undefined;
  if (!Array.isArray(records)) {
    return { records: [], problems: [fileProblem('records', 'the file must be a list of records or {"records": [...]}', 'файл бичлэгүүдийн жагсаалт эсвэл {"records": [...]} байна')] };
  }
  return { records, problems: [] };
}

const DIRECT = [
  'category', 'key', 'titleEn', 'titleMn', 'summary', 'owner', 'note', 'status',
  'conventionCode', 'depositDate', 'entryIntoForce', 'lawNumber', 'lawDate',
  'counterpartCountry', 'counterpartAuthority', 'instrumentType', 'subject', 'legalBasis', 'requiresRatification',
  'signatureDate', 'signaturePlace', 'entryIntoForceRule',
];
const LISTS = ['annexesAccepted', 'reservations'];
const STRUCTURED = [
  'documents',
  'signatoryMongolia', 'signatoryCounterpart',
  'mongoliaNotificationDate', 'mongoliaNotificationRef', 'counterpartNotificationDate', 'counterpartNotificationRef',
  'ratificationActKind', 'ratificationActNumber', 'ratificationActDate',
  'validityYears', 'renewalPeriodYears', 'noticeMonths', 'reviewLeadMonths',
  'terminationInitiatedBy', 'terminationNoticeDate', 'terminationEffectiveDate', 'terminationReason',
];
export const CSV_COLUMNS = [...DIRECT, ...LISTS, ...STRUCTURED];

/** A whole number stays a number; anything else is passed on as written, so the check names it. */
const num = (v: string): number | string => (/^\d+$/.test(v) ? Number(v) : v);

/** One CSV row (cells by column, empty ones left out) in the JSON record form. */
export function csvRowToRecord(cells: Record<string, string>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  const has = (c: string) => cells[c] !== undefined;
  for (const c of DIRECT) if (has(c)) r[c] = cells[c];
  for (const c of LISTS) if (has(c)) r[c] = cells[c].split('|').map((s) => s.trim()).filter(Boolean);
  if (has('documents')) {
    r.documents = cells.documents.split('|').map((s) => {
      const at = s.indexOf('=');
      return at < 0 ? { kind: s.trim(), path: '' } : { kind: s.slice(0, at).trim(), path: s.slice(at + 1).trim() };
    });
  }
  const signatory = (cell: string, party: string) => {
    const at = cell.indexOf(',');
    return { party, name: (at < 0 ? cell : cell.slice(0, at)).trim(), title: at < 0 ? '' : cell.slice(at + 1).trim() };
  };
  const signatories = [
    ...(has('signatoryMongolia') ? [signatory(cells.signatoryMongolia, 'mongolia')] : []),
    ...(has('signatoryCounterpart') ? [signatory(cells.signatoryCounterpart, 'counterpart')] : []),
  ];
  if (signatories.length) r.signatories = signatories;
  const notifications = (['mongolia', 'counterpart'] as const)
    .filter((party) => has(`${party}NotificationDate`) || has(`${party}NotificationRef`))
    .map((party) => ({ party, date: cells[`${party}NotificationDate`], reference: cells[`${party}NotificationRef`] ?? '' }));
  if (notifications.length) r.notifications = notifications;
  if (has('ratificationActKind') || has('ratificationActNumber') || has('ratificationActDate')) {
    r.ratification = { actKind: cells.ratificationActKind, actNumber: cells.ratificationActNumber, actDate: cells.ratificationActDate };
  }
  if (r.category === 'bilateral') {
    if (has('validityYears')) {
      r.renewalRule = {
        validityYears: num(cells.validityYears),
        automaticRenewal: has('renewalPeriodYears') ? { periodYears: num(cells.renewalPeriodYears), noticeMonths: has('noticeMonths') ? num(cells.noticeMonths) : 0 } : null,
        ...(has('reviewLeadMonths') ? { reviewLeadMonths: num(cells.reviewLeadMonths) } : {}),
      };
    } else if (has('renewalPeriodYears') || has('noticeMonths') || has('reviewLeadMonths')) {
      r.renewalRule = { validityYears: null };
    } else r.renewalRule = null;
  } else {
    for (const c of ['validityYears', 'renewalPeriodYears', 'noticeMonths', 'reviewLeadMonths']) if (has(c)) r[c] = cells[c];
  }
  if (has('terminationInitiatedBy') || has('terminationNoticeDate') || has('terminationEffectiveDate') || has('terminationReason')) {
    r.termination = {
      initiatedBy: cells.terminationInitiatedBy,
      noticeDate: cells.terminationNoticeDate,
      effectiveDate: cells.terminationEffectiveDate,
      reason: cells.terminationReason,
    };
  }
  return r;
}

export async function readCsvRecords(text: string): Promise<{ records: unknown[]; problems: ImportProblem[] }> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  try {
    // Every cell stays the text it is (exceljs would otherwise turn dates and numbers into values).
    ws = await wb.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { map: (v: string) => v } as never);
  } catch (err) {
    return { records: [], problems: [fileProblem('(file)', `is not valid CSV: ${(err as Error).message}`, `CSV буруу байна: ${(err as Error).message}`)] };
  }
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' ? v : v == null ? '' : String(v)));
    if (values.some((v) => v.trim())) rows.push(values);
  });
  if (!rows.length) return { records: [], problems: [fileProblem('(file)', 'is empty (a header row is needed)', 'хоосон байна (гарчгийн мөр шаардлагатай)')] };
  const header = rows[0].map((h) => h.trim());
  const unknown = header.filter((h) => h && !CSV_COLUMNS.includes(h));
  if (unknown.length) {
    return { records: [], problems: unknown.map((h) => fileProblem(h, `is not a column of the import (columns: ${CSV_COLUMNS.join(', ')})`, `импортын багана биш (баганууд: ${CSV_COLUMNS.join(', ')})`)) };
  }
  if (!header.includes('category')) return { records: [], problems: [fileProblem('category', 'the header must have a category column', 'гарчгийн мөрөнд category багана байна')] };
  const records = rows.slice(1).map((values) => {
    const cells: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = (values[i] ?? '').trim();
      if (h && v) cells[h] = v;
    });
    return csvRowToRecord(cells);
  });
  return { records, problems: [] };
}
