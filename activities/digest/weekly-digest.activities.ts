import { ApplicationFailure } from '@temporalio/common';
import { proposalListUrl, proposalPageUrl, webAppUrl } from '../../libs/contracts/web-app-links';
import type { DashboardDigestRepository, DigestProposal, DigestSection } from '../../libs/db';
import { stageLabel } from '../../libs/domain/process/stage-labels';
import type { Bilingual } from '../../libs/domain';
import type { WeeklyDigestData } from '../../libs/mail';

export interface DigestDeps {
  digest: DashboardDigestRepository;
  /** Where links in emails point (config.api.publicUrl): the web app's pages. */
  publicUrl: string;
}

/** At most this many proposals per section; the rest is one "and N more" line linking to the dashboard list. */
export const DIGEST_ITEMS_PER_SECTION = 25;
const WEEK_MS = 7 * 86_400_000;

export interface ComposeWeeklyDigestInput {
  asOf: string;
}

export interface DigestRecipientMail {
  recipientId: string;
  to: { address: string; name: string };
  language: 'mn' | 'en';
  recipientName: string;
}

/** The digest's content (the same for every recipient) and who gets it, each in their own language. */
export interface ComposedWeeklyDigest {
  periodStart: string;
  periodEnd: string;
  sections: WeeklyDigestData['sections'];
  /** The dashboard's overview page (the template renders it once it has the field; extra data is ignored until then). */
  dashboardUrl: string;
  recipients: DigestRecipientMail[];
}

const SECTION_TITLES: Record<'moved' | 'overdue' | 'dueSoon', Bilingual> = {
  moved: { en: 'Moved to a new stage this week', mn: 'Энэ долоо хоногт дараагийн үе шатанд шилжсэн' },
  overdue: { en: 'Past the stage deadline', mn: 'Үе шатны хугацаа хэтэрсэн' },
  dueSoon: { en: 'Stage deadline in the coming week', mn: 'Ирэх долоо хоногт үе шатны хугацаа дуусах' },
};

/**
 * The weekly digest's read side: what moved in the week before `asOf`, what is past its stage SLA at `asOf`, what
 * falls due in the week after it, and the leadership recipients. Read-only, so retries are free.
 */
export function createDigestActivities(deps: DigestDeps) {
  const proposalUrl = (id: string) => proposalPageUrl(deps.publicUrl, id);

  function item(p: DigestProposal, overdue: boolean) {
    const stage = stageLabel(p.kind, p.stage);
    const from = p.fromStage ? stageLabel(p.kind, p.fromStage) : null;
    return {
      title: { en: p.titleEn, mn: p.titleMn },
      stage: from ? { en: `${stage.en} (from ${from.en})`, mn: `${stage.mn} (${from.mn} үе шатаас)` } : stage,
      ...(p.dueAt ? { dueAt: new Date(p.dueAt).toISOString() } : {}),
      overdue,
      url: proposalUrl(p.id),
    };
  }

  /** The shown items and, when the section has more, a last line that opens the full list on the dashboard. */
  function section(title: Bilingual, s: DigestSection, overdue: (p: DigestProposal) => boolean, listFilters: Record<string, string>) {
    const items = s.items.map((p) => item(p, overdue(p)));
    const more = s.total - s.items.length;
    if (more > 0) {
      items.push({
        title: { en: `${more} more: see the full list on the dashboard`, mn: `Бусад ${more}: бүтэн жагсаалтыг хяналтын самбараас үзнэ үү` },
        stage: { en: 'Dashboard', mn: 'Хяналтын самбар' },
        overdue: false,
        url: proposalListUrl(deps.publicUrl, listFilters),
      });
    }
    return { title, items };
  }

  return {
    async composeWeeklyDigest(input: ComposeWeeklyDigestInput): Promise<ComposedWeeklyDigest> {
      const asOf = new Date(input.asOf);
      if (Number.isNaN(asOf.getTime())) throw ApplicationFailure.nonRetryable(`asOf is not an instant: ${input.asOf}`, 'DigestInvalidInput');
      const weekAgo = new Date(asOf.getTime() - WEEK_MS);
      const weekAhead = new Date(asOf.getTime() + WEEK_MS);
      const [moved, overdue, dueSoon, people] = await Promise.all([
        deps.digest.moved(weekAgo, asOf, DIGEST_ITEMS_PER_SECTION),
        deps.digest.overdue(asOf, DIGEST_ITEMS_PER_SECTION),
        deps.digest.dueBetween(asOf, weekAhead, DIGEST_ITEMS_PER_SECTION),
        deps.digest.recipients(),
      ]);
      const isOverdue = (p: DigestProposal) => p.status === 'open' && !!p.dueAt && new Date(p.dueAt) < asOf;
      return {
        periodStart: weekAgo.toISOString(),
        periodEnd: asOf.toISOString(),
        dashboardUrl: webAppUrl(deps.publicUrl),
        sections: [
          section(SECTION_TITLES.moved, moved, isOverdue, { sort: 'updatedAt' }),
          section(SECTION_TITLES.overdue, overdue, () => true, { overdue: 'true', sort: 'dueAt', order: 'asc' }),
          section(SECTION_TITLES.dueSoon, dueSoon, () => false, { status: 'open', sort: 'dueAt', order: 'asc' }),
        ],
        recipients: people.map((u) => {
          const name = u.language === 'en' ? u.nameLatin : u.nameMn;
          return { recipientId: u.id, to: { address: u.email, name }, language: u.language, recipientName: name };
        }),
      };
    },
  };
}

export type DigestActivities = ReturnType<typeof createDigestActivities>;
