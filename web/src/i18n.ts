import { signal } from './state';

export type Language = 'mn' | 'en';
export interface Bilingual {
  en: string;
  mn: string;
}

const STORAGE_KEY = 'accord.language';

/** Every word the app shows, in both languages. Keys read as what they label. */
const STRINGS = {
  appName: { en: 'Accord', mn: 'Accord' },
  tagline: { en: 'International cooperation proposals', mn: 'Олон улсын хамтын ажиллагааны саналууд' },
  skipToContent: { en: 'Skip to content', mn: 'Үндсэн агуулга руу шилжих' },
  languageSwitch: { en: 'Монгол хэлээр', mn: 'In English' },
  languageSwitchLabel: { en: 'Switch the language to Mongolian', mn: 'Хэлийг англи болгох' },
  signIn: { en: 'Sign in', mn: 'Нэвтрэх' },
  signOut: { en: 'Sign out', mn: 'Гарах' },
  email: { en: 'Email', mn: 'Имэйл' },
  password: { en: 'Password', mn: 'Нууц үг' },
  signInTitle: { en: 'Sign in to Accord', mn: 'Accord системд нэвтрэх' },
  signingIn: { en: 'Signing in…', mn: 'Нэвтэрч байна…' },
  newPasswordTitle: { en: 'Choose your own password', mn: 'Өөрийн нууц үгийг сонгоно уу' },
  newPasswordWhy: {
    en: 'The password you signed in with was set by someone else. Choose one only you know before you continue.',
    mn: 'Таны нэвтэрсэн нууц үгийг өөр хүн тохируулсан. Үргэлжлүүлэхийн өмнө зөвхөн өөрөө мэдэх нууц үг сонгоно уу.',
  },
  currentPassword: { en: 'Password you were given', mn: 'Танд өгсөн нууц үг' },
  newPassword: { en: 'New password', mn: 'Шинэ нууц үг' },
  repeatPassword: { en: 'New password again', mn: 'Шинэ нууц үгээ давтах' },
  passwordsDiffer: { en: 'The two new passwords differ.', mn: 'Хоёр шинэ нууц үг ялгаатай байна.' },
  savePassword: { en: 'Save and continue', mn: 'Хадгалаад үргэлжлүүлэх' },
  savingPassword: { en: 'Saving…', mn: 'Хадгалж байна…' },
  navOverview: { en: 'Overview', mn: 'Тойм' },
  navProposals: { en: 'Proposals', mn: 'Саналууд' },
  navMyTasks: { en: 'My tasks', mn: 'Миний даалгавар' },
  navNew: { en: 'New proposal', mn: 'Шинэ санал' },
  navAdmin: { en: 'Weekly digest', mn: 'Долоо хоногийн тойм' },
  loading: { en: 'Loading…', mn: 'Ачаалж байна…' },
  retry: { en: 'Try again', mn: 'Дахин оролдох' },
  refresh: { en: 'Refresh', mn: 'Шинэчлэх' },
  errorGeneric: { en: 'Something went wrong.', mn: 'Алдаа гарлаа.' },
  none: { en: 'None', mn: 'Байхгүй' },
  all: { en: 'All', mn: 'Бүгд' },
  // overview
  overviewTitle: { en: 'Where every proposal stands', mn: 'Саналууд хаана явж байна' },
  generatedAt: { en: 'As of {at} (Ulaanbaatar time)', mn: '{at}-ны байдлаар (Улаанбаатарын цагаар)' },
  division: { en: 'Division', mn: 'Хэлтэс' },
  kind: { en: 'Kind', mn: 'Төрөл' },
  allDivisions: { en: 'All divisions', mn: 'Бүх хэлтэс' },
  allKinds: { en: 'All kinds', mn: 'Бүх төрөл' },
  openProposals: { en: 'Open proposals', mn: 'Нээлттэй санал' },
  pastSla: { en: 'Past stage deadline', mn: 'Үе шатны хугацаа хэтэрсэн' },
  openTasks: { en: 'Open tasks', mn: 'Нээлттэй даалгавар' },
  overdueTasks: { en: 'Overdue tasks', mn: 'Хугацаа хэтэрсэн даалгавар' },
  closedProposals: { en: 'Closed proposals', mn: 'Хаагдсан санал' },
  trips: { en: 'Trips this month', mn: 'Энэ сарын томилолт' },
  tripsNotYet: { en: 'Trips are not in Accord yet', mn: 'Томилолт Accord-д хараахан ороогүй' },
  tripsDeparting: { en: '{n} departing, {m} reports due', mn: '{n} явах, {m} тайлан хүлээгдэж буй' },
  pipeline: { en: 'Pipeline: open proposals by stage', mn: 'Явц: нээлттэй саналууд үе шатаар' },
  onTime: { en: 'Within deadline', mn: 'Хугацаандаа' },
  overdue: { en: 'Overdue', mn: 'Хугацаа хэтэрсэн' },
  cycleTimes: { en: 'Days spent per stage', mn: 'Үе шат бүрт зарцуулсан хоног' },
  median: { en: 'Median', mn: 'Медиан' },
  p90: { en: '90th percentile', mn: '90-р перцентиль' },
  samples: { en: 'Stays', mn: 'Тоо' },
  periodFrom: { en: 'From', mn: 'Эхлэх' },
  periodTo: { en: 'To', mn: 'Дуусах' },
  noCycleData: { en: 'No stage ended in this period.', mn: 'Энэ хугацаанд дууссан үе шат алга.' },
  countsByStage: { en: 'Proposals by kind and stage', mn: 'Саналууд төрөл, үе шатаар' },
  stage: { en: 'Stage', mn: 'Үе шат' },
  count: { en: 'Proposals', mn: 'Санал' },
  tasksByPerson: { en: 'Open tasks by person', mn: 'Хүн тус бүрийн нээлттэй даалгавар' },
  person: { en: 'Person', mn: 'Хүн' },
  open: { en: 'Open', mn: 'Нээлттэй' },
  overdueTasksTitle: { en: 'Most overdue tasks', mn: 'Хамгийн их хугацаа хэтэрсэн даалгаврууд' },
  pastSlaTitle: { en: 'Proposals past their stage deadline', mn: 'Үе шатны хугацаа хэтэрсэн саналууд' },
  daysOverdue: { en: 'Days over', mn: 'Хэтэрсэн хоног' },
  role: { en: 'Role', mn: 'Үүрэг' },
  assignee: { en: 'Assignee', mn: 'Гүйцэтгэгч' },
  owner: { en: 'Owner', mn: 'Хариуцагч' },
  due: { en: 'Due', mn: 'Хугацаа' },
  title: { en: 'Title', mn: 'Гарчиг' },
  showingOf: { en: '{shown} of {total}', mn: '{total}-аас {shown}' },
  chartTable: { en: 'Chart data', mn: 'Графикийн өгөгдөл' },
  // list
  proposalsTitle: { en: 'Proposals', mn: 'Саналууд' },
  search: { en: 'Search titles (English or Mongolian)', mn: 'Гарчгаас хайх (англи эсвэл монгол)' },
  status: { en: 'Status', mn: 'Төлөв' },
  anyStatus: { en: 'Any status', mn: 'Бүх төлөв' },
  anyStage: { en: 'Any stage', mn: 'Бүх үе шат' },
  anyOwner: { en: 'Any owner', mn: 'Бүх хариуцагч' },
  overdueFilter: { en: 'Deadline', mn: 'Хугацаа' },
  overdueOnly: { en: 'Past deadline only', mn: 'Зөвхөн хугацаа хэтэрсэн' },
  onTimeOnly: { en: 'Within deadline only', mn: 'Зөвхөн хугацаандаа' },
  anyDeadline: { en: 'Any', mn: 'Бүгд' },
  created: { en: 'Created', mn: 'Үүсгэсэн' },
  updated: { en: 'Last change', mn: 'Сүүлд өөрчлөгдсөн' },
  periodOf: { en: 'Period applies to', mn: 'Хугацаа хамаарах' },
  sortBy: { en: 'Sort by', mn: 'Эрэмбэлэх' },
  ascending: { en: 'Ascending', mn: 'Өсөхөөр' },
  descending: { en: 'Descending', mn: 'Буурахаар' },
  pageSize: { en: 'Rows per page', mn: 'Хуудсанд' },
  apply: { en: 'Apply', mn: 'Хайх' },
  clear: { en: 'Clear', mn: 'Цэвэрлэх' },
  exportCsv: { en: 'Export CSV', mn: 'CSV татах' },
  exportXlsx: { en: 'Export Excel', mn: 'Excel татах' },
  previous: { en: 'Previous', mn: 'Өмнөх' },
  next: { en: 'Next', mn: 'Дараах' },
  rangeOf: { en: '{from}–{to} of {total}', mn: '{total}-аас {from}–{to}' },
  pageOf: { en: 'Page {page} of {pages}', mn: '{pages}-аас {page}-р хуудас' },
  noResults: { en: 'No proposals match these filters.', mn: 'Шүүлтүүрт тохирох санал алга.' },
  stageDue: { en: 'Stage deadline', mn: 'Үе шатны хугацаа' },
  // status words
  status_open: { en: 'Open', mn: 'Нээлттэй' },
  status_completed: { en: 'Completed', mn: 'Дууссан' },
  status_rejected: { en: 'Rejected', mn: 'Татгалзсан' },
  status_withdrawn: { en: 'Withdrawn', mn: 'Буцаан татсан' },
  status_cancelled: { en: 'Cancelled', mn: 'Цуцалсан' },
  status_expired: { en: 'Expired', mn: 'Хугацаа дууссан' },
  status_terminated: { en: 'Terminated', mn: 'Цуцлагдсан' },
  // detail
  backToList: { en: 'Back to proposals', mn: 'Саналууд руу буцах' },
  printReport: { en: 'Printable status report', mn: 'Хэвлэх тайлан' },
  stagePath: { en: 'Stages', mn: 'Үе шатууд' },
  inStageSince: { en: 'In this stage since', mn: 'Энэ үе шатанд орсон' },
  waitingFor: { en: 'Waiting for', mn: 'Хүлээж буй' },
  summary: { en: 'Summary', mn: 'Товч агуулга' },
  timeline: { en: 'Timeline', mn: 'Түүх' },
  daysInStage: { en: '{n} days in the stage', mn: 'Үе шатанд {n} хоног' },
  tasks: { en: 'Tasks', mn: 'Даалгаврууд' },
  documents: { en: 'Documents', mn: 'Баримт бичиг' },
  emails: { en: 'Emails', mn: 'Имэйлүүд' },
  recipient: { en: 'Recipient', mn: 'Хүлээн авагч' },
  subject: { en: 'Subject', mn: 'Гарчиг' },
  sent: { en: 'Sent', mn: 'Илгээсэн' },
  download: { en: 'Download', mn: 'Татах' },
  uploadedBy: { en: 'Uploaded by {who}, {at}', mn: '{who} {at}-д оруулсан' },
  decision: { en: 'Decision', mn: 'Шийдвэр' },
  event_CREATED: { en: 'Created', mn: 'Үүсгэсэн' },
  event_STAGE_CHANGED: { en: 'Moved to the next stage', mn: 'Дараагийн үе шатанд шилжсэн' },
  event_SENT_BACK: { en: 'Sent back', mn: 'Буцаасан' },
  event_ACTION_ITEM_ADDED: { en: 'Action item added', mn: 'Арга хэмжээ нэмсэн' },
  event_ACTION_ITEM_COMPLETED: { en: 'Action item done', mn: 'Арга хэмжээ биелсэн' },
  event_ACTION_ITEM_REASSIGNED: { en: 'Action item reassigned', mn: 'Арга хэмжээг шилжүүлсэн' },
  event_APPROVED: { en: 'Approved', mn: 'Зөвшөөрсөн' },
  event_CABINET_APPROVED: { en: 'Approved by the Cabinet', mn: 'Засгийн газар баталсан' },
  event_CABINET_REJECTED: { en: 'Rejected by the Cabinet', mn: 'Засгийн газар татгалзсан' },
  event_CABINET_RETURNED: { en: 'Returned by the Cabinet', mn: 'Засгийн газар буцаасан' },
  event_CHANGES_REQUESTED: { en: 'Changes requested', mn: 'Засвар хүссэн' },
  event_DEPOSITED: { en: 'Instrument deposited', mn: 'Баримт бичгийг хадгалуулсан' },
  event_DOCUMENT_ADDED: { en: 'Document added', mn: 'Баримт нэмсэн' },
  event_DRAFT_EDITED: { en: 'Draft edited', mn: 'Төслийг зассан' },
  event_PARLIAMENT_RATIFIED: { en: 'Ratified by Parliament', mn: 'УИХ соёрхон баталсан' },
  event_PARLIAMENT_REJECTED: { en: 'Rejected by Parliament', mn: 'УИХ татгалзсан' },
  event_PARLIAMENT_RETURNED: { en: 'Returned by Parliament', mn: 'УИХ буцаасан' },
  event_REJECTED: { en: 'Rejected', mn: 'Татгалзсан' },
  event_REMARK_ANSWERED: { en: 'Remark answered', mn: 'Саналд хариу өгсөн' },
  event_REMARK_RECORDED: { en: 'Remark recorded', mn: 'Санал бүртгэсэн' },
  event_TASK_ASSIGNED: { en: 'Task assigned', mn: 'Даалгавар оноосон' },
  event_TASK_REASSIGNED: { en: 'Task reassigned', mn: 'Даалгаврыг шилжүүлсэн' },
  event_WITHDRAWN: { en: 'Withdrawn', mn: 'Буцаан татсан' },
  event_SUBMITTED: { en: 'Submitted', mn: 'Илгээсэн' },
  event_WORK_COMPLETED: { en: 'Stage work done', mn: 'Үе шатны ажил дууссан' },
  // actions
  yourTurn: { en: 'Your action', mn: 'Таны үйлдэл' },
  approve: { en: 'Approve', mn: 'Зөвшөөрөх' },
  requestChanges: { en: 'Request changes', mn: 'Засвар хүсэх' },
  reject: { en: 'Reject', mn: 'Татгалзах' },
  returnTo: { en: 'Send back to', mn: 'Буцаах үе шат' },
  comment: { en: 'Comment', mn: 'Тайлбар' },
  commentNeeded: { en: 'A comment is needed to request changes or reject.', mn: 'Засвар хүсэх эсвэл татгалзахад тайлбар шаардлагатай.' },
  completeStage: { en: 'Mark the stage work done', mn: 'Үе шатны ажлыг дууссан гэж тэмдэглэх' },
  submit: { en: 'Submit', mn: 'Илгээх' },
  uploadDocument: { en: 'Add a document', mn: 'Баримт нэмэх' },
  documentKind: { en: 'Document', mn: 'Баримтын төрөл' },
  file: { en: 'File', mn: 'Файл' },
  upload: { en: 'Upload', mn: 'Оруулах' },
  done: { en: 'Done.', mn: 'Амжилттай.' },
  // my tasks
  myTasksTitle: { en: 'My tasks', mn: 'Миний даалгавар' },
  noTasks: { en: 'You have no open tasks.', mn: 'Танд нээлттэй даалгавар алга.' },
  onBehalfOf: { en: 'for {who}', mn: '{who}-ийн оронд' },
  taskKind_work: { en: 'Work', mn: 'Ажил' },
  taskKind_approval: { en: 'Approval', mn: 'Батлах' },
  // new proposal
  newTitle: { en: 'New proposal', mn: 'Шинэ санал' },
  titleEn: { en: 'Title in English', mn: 'Гарчиг (англиар)' },
  titleMn: { en: 'Title in Mongolian', mn: 'Гарчиг (монголоор)' },
  conventionCode: { en: 'Convention code (e.g. RKC)', mn: 'Конвенцийн код (жишээ нь RKC)' },
  create: { en: 'Create draft', mn: 'Төсөл үүсгэх' },
  newHelp: {
    en: 'The draft is yours until you submit it. Add the convention text on the next page, then submit.',
    mn: 'Илгээх хүртэл төсөл зөвхөн танд харагдана. Дараагийн хуудсанд конвенцийн эх бичвэрийг нэмээд илгээнэ үү.',
  },
  // admin
  digestTitle: { en: 'Weekly digest (Monday 08:00, Ulaanbaatar)', mn: 'Долоо хоногийн тойм (Даваа 08:00, Улаанбаатар)' },
  paused: { en: 'Paused', mn: 'Түр зогссон' },
  running: { en: 'Active', mn: 'Идэвхтэй' },
  pause: { en: 'Pause', mn: 'Түр зогсоох' },
  unpause: { en: 'Resume', mn: 'Үргэлжлүүлэх' },
  trigger: { en: 'Send now', mn: 'Одоо илгээх' },
  nextRuns: { en: 'Next runs', mn: 'Дараагийн илгээлт' },
  recentRuns: { en: 'Recent runs', mn: 'Сүүлийн илгээлтүүд' },
  // treaty register
  navRegister: { en: 'Treaty register', mn: 'Гэрээний бүртгэл' },
  registerTitle: { en: 'Treaty register', mn: 'Олон улсын гэрээний бүртгэл' },
  registerIntro: {
    en: 'Every instrument that binds Mongolia or did: conventions acceded and bilateral agreements and memoranda, as of {today} (Ulaanbaatar).',
    mn: 'Монгол Улсыг үүрэг хүлээлгэдэг болон хүлээлгэж байсан бүх баримт бичиг: нэгдэн орсон конвенц, хоёр талын хэлэлцээр, санамж бичиг ({today}-ны байдлаар, Улаанбаатар).',
  },
  category: { en: 'Category', mn: 'Ангилал' },
  allCategories: { en: 'All categories', mn: 'Бүх ангилал' },
  counterpartCountry: { en: 'Country', mn: 'Улс' },
  allCountries: { en: 'All countries', mn: 'Бүх улс' },
  inForceOn: { en: 'In force on', mn: 'Хүчин төгөлдөр байсан өдөр' },
  orderByEif: { en: 'Entry into force', mn: 'Хүчин төгөлдөр болсон огноо' },
  oldestFirst: { en: 'Oldest first', mn: 'Эхнийхээс нь' },
  newestFirst: { en: 'Newest first', mn: 'Сүүлийнхээс нь' },
  instrument: { en: 'Instrument', mn: 'Баримт бичиг' },
  counterpart: { en: 'Counterpart', mn: 'Нөгөө тал' },
  dates: { en: 'Dates', mn: 'Огноо' },
  deposit: { en: 'Deposit', mn: 'Хадгалуулсан' },
  signature: { en: 'Signed', mn: 'Гарын үсэг зурсан' },
  entryIntoForce: { en: 'In force from', mn: 'Хүчин төгөлдөр болсон' },
  ends: { en: 'Ends', mn: 'Дуусах' },
  obligations: { en: 'Annexes, reservations, validity', mn: 'Хавсралт, тайлбар, хүчинтэй хугацаа' },
  annexes: { en: 'Annexes', mn: 'Хавсралт' },
  reservations: { en: 'Reservations', mn: 'Тайлбар' },
  act: { en: 'Act', mn: 'Акт' },
  validity: { en: 'Validity', mn: 'Хүчинтэй хугацаа' },
  nextDeadline: { en: 'Next deadline', mn: 'Дараагийн хугацаа' },
  importedBadge: { en: 'imported', mn: 'импортолсон' },
  noRegisterResults: { en: 'No instrument matches these filters.', mn: 'Шүүлтүүрт тохирох баримт бичиг алга.' },
  registerCount: { en: '{n} instruments', mn: '{n} баримт бичиг' },
  notFound: { en: 'This page does not exist.', mn: 'Ийм хуудас алга.' },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'mn' || stored === 'en') return stored;
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'mn';
}

export const language = signal<Language>(initialLanguage());

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  language.set(lang);
}

/** The text of a key in the current language, with {name} placeholders filled. */
export function t(key: StringKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key][language.get()].replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

export function loc(text: Bilingual | null | undefined): string {
  return text ? text[language.get()] : '';
}

export function hasKey(key: string): key is StringKey {
  return key in STRINGS;
}
