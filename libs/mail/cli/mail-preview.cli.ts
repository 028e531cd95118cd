// `npm run mail:preview -- <template> [mn|en] [--html]`: renders a template with its sample data and prints the
// plain-text version (or the HTML with --html). With no template, lists them.
import { isLanguage } from '../language';
import { MAIL_TEMPLATE_NAMES, MAIL_TEMPLATES, isMailTemplateName } from '../templates';
import { renderTemplate, sampleData } from '../render-template';

function main(argv: string[]): number {
  const html = argv.includes('--html');
  const [name, lang = 'mn'] = argv.filter((a) => !a.startsWith('--'));
  if (!name) {
    process.stdout.write('Mail templates (npm run mail:preview -- <template> [mn|en] [--html]):\n');
    for (const n of MAIL_TEMPLATE_NAMES) process.stdout.write(`  ${n.padEnd(20)} ${MAIL_TEMPLATES[n].description}\n`);
    return 0;
  }
  if (!isMailTemplateName(name)) {
    process.stderr.write(`unknown template "${name}"; one of: ${MAIL_TEMPLATE_NAMES.join(', ')}\n`);
    return 2;
  }
  if (!isLanguage(lang)) {
    process.stderr.write(`unknown language "${lang}"; mn or en\n`);
    return 2;
  }
  const mail = renderTemplate(name, lang, sampleData(name));
  process.stdout.write(html ? mail.html : `Subject: ${mail.subject}\n\n${mail.text}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
