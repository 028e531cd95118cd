import { DataSource } from 'typeorm';

/** A proposal as the weekly digest lists it. */
export interface DigestProposal {
  id: string;
  kind: string;
  titleEn: string;
  titleMn: string;
  stage: string;
  status: string;
  dueAt: Date | null;
  /** For "what moved": the stage it left and when (the latest move of the period). */
  fromStage?: string | null;
  movedAt?: Date | null;
}

export interface DigestSection {
  total: number;
  items: DigestProposal[];
}

export interface DigestRecipient {
  id: string;
  email: string;
  nameMn: string;
  nameLatin: string;
  language: 'mn' | 'en';
}

/** Roles that receive the weekly digest: they see the whole organisation's proposals. */
export const DIGEST_RECIPIENT_ROLES = ['leadership', 'commissioner_general', 'deputy_commissioner'] as const;

const PROPOSAL_COLUMNS = `p.id, p.kind, p.title_en AS "titleEn", p.title_mn AS "titleMn", p.stage, p.status, p.due_at AS "dueAt"`;

/**
 * What the weekly digest reports, as of a moment: what moved during the week, what is past its stage SLA, and
 * what falls due in the coming week. Organisation-wide (its readers are leadership). Uses the dashboard indexes.
 */
export class DashboardDigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  recipients(): Promise<DigestRecipient[]> {
    return this.dataSource.query(
      `SELECT id, email, name_mn AS "nameMn", name_latin AS "nameLatin", language FROM users
        WHERE active AND roles && $1::text[] ORDER BY name_latin, id`,
      [[...DIGEST_RECIPIENT_ROLES]],
    );
  }

  /** Proposals that changed stage in [from, to), latest move first (one line per proposal). */
  async moved(from: Date, to: Date, limit: number): Promise<DigestSection> {
    const moves = `SELECT DISTINCT ON (e.proposal_id) e.proposal_id, e.from_stage, e.occurred_at
                     FROM proposal_events e
                    WHERE e.from_stage IS NOT NULL AND e.to_stage IS NOT NULL AND e.from_stage <> e.to_stage AND e.occurred_at >= $1 AND e.occurred_at < $2
                    ORDER BY e.proposal_id, e.occurred_at DESC, e.seq DESC`;
    const [items, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PROPOSAL_COLUMNS}, m.from_stage AS "fromStage", m.occurred_at AS "movedAt"
           FROM (${moves}) m JOIN proposals p ON p.id = m.proposal_id
          ORDER BY m.occurred_at DESC, p.id LIMIT $3`,
        [from, to, limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM (${moves}) m`, [from, to]),
    ]);
    return { total: count.total, items };
  }

  /** Open proposals whose stage SLA ended before `at`, most overdue first. */
  overdue(at: Date, limit: number): Promise<DigestSection> {
    return this.section(`p.status = 'open' AND p.due_at < $1`, [at], limit);
  }

  /** Open proposals whose stage SLA ends in [from, to), soonest first. */
  dueBetween(from: Date, to: Date, limit: number): Promise<DigestSection> {
    return this.section(`p.status = 'open' AND p.due_at >= $1 AND p.due_at < $2`, [from, to], limit);
  }

  private async section(where: string, values: unknown[], limit: number): Promise<DigestSection> {
    const [items, [count]] = await Promise.all([
      this.dataSource.query(`SELECT ${PROPOSAL_COLUMNS} FROM proposals p WHERE ${where} ORDER BY p.due_at, p.id LIMIT $${values.length + 1}`, [
        ...values,
        limit,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM proposals p WHERE ${where}`, values),
    ]);
    return { total: count.total, items };
  }
}
