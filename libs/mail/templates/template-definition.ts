import { z } from 'zod';
import { Language } from '../language';

/**
 * One email template. The body is written once per format (HTML, text) and rendered twice, once per language:
 * every word a reader sees comes from `strings` through the `t` helper, every bilingual datum through `loc`.
 */
export interface MailTemplateDefinition<T = unknown> {
  name: string;
  description: string;
  /** The data the template needs; rendering refuses data that does not fit, so a bad message is never sent. */
  schema: z.ZodType<T>;
  strings: Record<Language, Record<string, string>>;
  /** Handlebars, rendered in the recipient's language only, never HTML-escaped (a header, not markup). */
  subject: string;
  /** Handlebars body for one language, HTML-escaped. */
  html: string;
  /** Handlebars body for one language, plain text. */
  text: string;
  /** Realistic data for the preview route and CLI. */
  sample: T;
}

// The sample is what callers pass (the schema's input): rendering parses it like any other data.
export function defineTemplate<S extends z.ZodType>(t: Omit<MailTemplateDefinition<z.input<S>>, 'schema'> & { schema: S }): MailTemplateDefinition {
  return t as unknown as MailTemplateDefinition;
}
