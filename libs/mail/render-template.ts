import Handlebars from 'handlebars';
import { formatDate, formatDateTime, isLanguage, Language, localize, LocalizableText, otherLanguage } from './language';
import { COMMON_STRINGS } from './templates/common';
import { isMailTemplateName, MAIL_TEMPLATES, MailTemplateDefinition, MailTemplateName } from './templates';
import { BUTTON_STYLES, HTML_PARTIALS, TEXT_PARTIALS } from './templates/partials';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export type MailTemplateErrorCode = 'unknown_template' | 'unknown_language' | 'invalid_data';

/** Rendering refused: the message would be wrong, so sending it again cannot help (non-retryable). */
export class MailTemplateError extends Error {
  constructor(
    readonly code: MailTemplateErrorCode,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'MailTemplateError';
  }
}

/** Per-render values the helpers read from Handlebars' @data frame. */
interface RenderFrame {
  lang: Language;
  strings: Record<string, string>;
}

function frame(options: Handlebars.HelperOptions): RenderFrame {
  return options.data as RenderFrame;
}

function fill(pattern: string, values: Record<string, unknown>, lang: Language): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? (typeof values[key] === 'object' ? localize(values[key] as LocalizableText, lang) : String(values[key] ?? '')) : whole,
  );
}

/** Days, hours or minutes, whichever is the largest whole unit: "2 days", "5 h", "3 min". */
function humanDuration(ms: number, strings: Record<string, string>): string {
  const minutes = Math.max(1, Math.floor(ms / 60000));
  if (minutes < 60) return fill(strings.minutes, { n: minutes }, 'en');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return fill(strings.hours, { n: hours }, 'en');
  const days = Math.floor(hours / 24);
  return days === 1 ? strings.oneDay : fill(strings.days, { n: days }, 'en');
}

/** An isolated Handlebars instance: our helpers never leak into (or get replaced by) anyone else's. */
function createEngine(escapeHtml: boolean): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('t', function (key: string, options: Handlebars.HelperOptions) {
    const { strings, lang } = frame(options);
    const pattern = strings[key];
    // A missing word is a bug in the template, not in the data: fail loudly in tests, never send "undefined".
    if (pattern === undefined) throw new Error(`no "${key}" string for language ${lang}`);
    return fill(pattern, options.hash ?? {}, lang);
  });
  hb.registerHelper('loc', (value: LocalizableText, options: Handlebars.HelperOptions) => localize(value, frame(options).lang));
  hb.registerHelper('date', (value: string, options: Handlebars.HelperOptions) => formatDate(value, frame(options).lang));
  hb.registerHelper('datetime', (value: string, options: Handlebars.HelperOptions) => formatDateTime(value, frame(options).lang));
  hb.registerHelper('duration', (ms: number, options: Handlebars.HelperOptions) => humanDuration(ms, frame(options).strings));
  hb.registerHelper('buttonStyle', (tone: string | undefined) => BUTTON_STYLES[tone ?? 'primary'] ?? BUTTON_STYLES.primary);
  const partials = escapeHtml ? HTML_PARTIALS : TEXT_PARTIALS;
  // A partial alone on its line replaces the whole line, newline included: give it one back.
  for (const [name, source] of Object.entries(partials)) hb.registerPartial(name, hb.compile(`${source}\n`, { noEscape: !escapeHtml }));
  return hb;
}

const htmlEngine = createEngine(true);
const textEngine = createEngine(false);

interface CompiledTemplate {
  definition: MailTemplateDefinition;
  subject: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

const compiled = new Map<MailTemplateName, CompiledTemplate>();

function compiledTemplate(name: MailTemplateName): CompiledTemplate {
  let c = compiled.get(name);
  if (!c) {
    const definition = MAIL_TEMPLATES[name] as MailTemplateDefinition;
    c = {
      definition,
      subject: textEngine.compile(definition.subject, { noEscape: true }),
      html: htmlEngine.compile(definition.html),
      text: textEngine.compile(definition.text, { noEscape: true }),
    };
    compiled.set(name, c);
  }
  return c;
}

const HTML_LAYOUT = htmlEngine.compile(`<!DOCTYPE html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="max-width:640px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933">
<div lang="{{lang}}" style="background:#ffffff;border:1px solid #e4e7eb;border-radius:6px;padding:20px 24px">
{{{primary}}}
</div>
<div lang="{{otherLang}}" style="margin-top:24px;background:#ffffff;border:1px solid #e4e7eb;border-radius:6px;padding:20px 24px">
<p style="margin:0 0 12px;color:#7b8794;font-size:12px;text-transform:uppercase;letter-spacing:.05em">{{otherHeading}}</p>
{{{secondary}}}
</div>
<p style="margin:16px 0 0;color:#7b8794;font-size:12px">{{footer}}<br>{{otherFooter}}</p>
</div>
</body>
</html>
`);

function tidyText(s: string): string {
  return s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Renders a template for a recipient: subject in their language; body in their language first and in the other
 * language below, as HTML (escaped) and plain text. Throws MailTemplateError for an unknown template or
 * language, or data that does not fit the template.
 */
export function renderTemplate(name: string, language: string, data: unknown): RenderedMail {
  if (!isMailTemplateName(name)) throw new MailTemplateError('unknown_template', `unknown mail template "${name}"`);
  if (!isLanguage(language)) throw new MailTemplateError('unknown_language', `unknown language "${language}" (mn or en)`);
  const t = compiledTemplate(name);
  const parsed = t.definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new MailTemplateError(
      'invalid_data',
      `data does not fit mail template "${name}"`,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`),
    );
  }
  const context = parsed.data as object;
  const other = otherLanguage(language);
  const frames: Record<Language, RenderFrame> = {
    mn: { lang: 'mn', strings: { ...COMMON_STRINGS.mn, ...t.definition.strings.mn } },
    en: { lang: 'en', strings: { ...COMMON_STRINGS.en, ...t.definition.strings.en } },
  };
  // A header must be one line whatever the data holds.
  const subject = t.subject(context, { data: frames[language] }).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const html = HTML_LAYOUT({
    lang: language,
    otherLang: other,
    subject,
    primary: t.html(context, { data: frames[language] }),
    secondary: t.html(context, { data: frames[other] }),
    otherHeading: frames[other].strings.languageHeading,
    footer: frames[language].strings.footer,
    otherFooter: frames[other].strings.footer,
  });
  const text = [
    tidyText(t.text(context, { data: frames[language] })),
    '',
    `==================== ${frames[other].strings.languageHeading} ====================`,
    '',
    tidyText(t.text(context, { data: frames[other] })),
    '',
    '-- ',
    frames[language].strings.footer,
    frames[other].strings.footer,
    '',
  ].join('\n');
  return { subject, html, text };
}

/** The sample data a template ships with, for previews. */
export function sampleData(name: MailTemplateName): unknown {
  return MAIL_TEMPLATES[name].sample;
}
