import { Injectable } from '@nestjs/common';
import { isMailTemplateName, Language, MAIL_TEMPLATE_NAMES, MAIL_TEMPLATES, RenderedMail, renderTemplate, sampleData } from '../../../../libs/mail';
import { ApiError } from '../common/errors/api-error';
import { MailTemplateListDto } from './dto/mail-template-summary.dto';

/** Every email template rendered with its sample data, so people can review wording and layout. */
@Injectable()
export class MailPreviewService {
  list(basePath: string): MailTemplateListDto {
    return {
      templates: MAIL_TEMPLATE_NAMES.map((name) => ({
        name,
        description: MAIL_TEMPLATES[name].description,
        preview: { mn: `${basePath}/${name}?lang=mn`, en: `${basePath}/${name}?lang=en` },
      })),
    };
  }

  render(name: string, language: Language): RenderedMail {
    if (!isMailTemplateName(name)) throw ApiError.notFound('mail template');
    return renderTemplate(name, language, sampleData(name));
  }
}
