import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoleName } from '../../domain';

export type PreferredLanguage = 'mn' | 'en';

/** A person who signs in to Accord. The password hash is never selected unless a query asks for it by name. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (index on lower(email)); stored as the person typed it. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'name_mn', type: 'varchar', length: 200 })
  nameMn: string;

  @Column({ name: 'name_latin', type: 'varchar', length: 200 })
  nameLatin: string;

  @Column({ type: 'varchar', length: 2, default: 'mn' })
  language: PreferredLanguage;

  @Column({ type: 'varchar', length: 64, nullable: true })
  division: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: RoleName[];

  @Column({ name: 'supervisor_id', type: 'uuid', nullable: true })
  supervisorId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash?: string | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /** Bumped on password change, deactivation and forced logout; access tokens carry it and die with it. */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion: number;

  @Column({ name: 'create_request_id', type: 'varchar', length: 128, nullable: true })
  createRequestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
