// Links into the web app (served by the API under /app), for emails and anything else that points people at a page.
export const WEB_APP_PATH = '/app';

const base = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}${WEB_APP_PATH}`;

export const webAppUrl = (publicUrl: string): string => `${base(publicUrl)}/`;
export const proposalPageUrl = (publicUrl: string, proposalId: string): string => `${base(publicUrl)}/proposals/${proposalId}`;
/** The list page with filters, e.g. `{ overdue: 'true' }`. */
export const proposalListUrl = (publicUrl: string, filters: Record<string, string> = {}): string => {
  const q = new URLSearchParams(filters).toString();
  return `${base(publicUrl)}/proposals${q ? `?${q}` : ''}`;
};
