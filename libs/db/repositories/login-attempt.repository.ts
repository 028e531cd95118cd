import { DataSource } from 'typeorm';
import { LoginOutcome } from '../entities/login-attempt.entity';

export interface RecentFailures {
  failures: number;
  /** Seconds since the last counted failure, by the database clock; null when there is none. */
  secondsSinceLastFailure: number | null;
}

/** Sign-in attempts per email, for lockout after repeated failures. The database clock is the only clock used. */
export class LoginAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(email: string, ip: string | null, outcome: LoginOutcome): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_attempts (email, ip, outcome) VALUES ($1, $2, $3)`, [normalizeEmail(email), ip, outcome]);
  }

  /** Failed attempts for the email within the window and after its last successful sign-in. */
  async recentFailures(email: string, windowSeconds: number): Promise<RecentFailures> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS failures,
              extract(epoch FROM now() - max(attempted_at))::float AS since_last
         FROM login_attempts
        WHERE email = $1 AND outcome = 'bad_credentials'
          AND attempted_at > now() - make_interval(secs => $2)
          AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts WHERE email = $1 AND outcome = 'success'), '-infinity')`,
      [normalizeEmail(email), windowSeconds],
    );
    return { failures: row.failures, secondsSinceLastFailure: row.since_last === null ? null : Number(row.since_last) };
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}
