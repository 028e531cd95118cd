import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LoginOutcome = 'success' | 'bad_credentials' | 'locked';

/** Every sign-in attempt, known email or not (so lockout reveals nothing about which accounts exist). */
@Entity({ name: 'login_attempts' })
export class LoginAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Lower-cased as typed. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: LoginOutcome;

  @Column({ name: 'attempted_at', type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;
}
