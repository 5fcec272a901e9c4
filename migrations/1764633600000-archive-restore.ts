import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Archived records can be restored; the audit trail records it as its own kind of entry. */
export class ArchiveRestore1764633600000 implements MigrationInterface {
  name = 'ArchiveRestore1764633600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."audit_action" ADD VALUE IF NOT EXISTS 'restore' BEFORE 'delete'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop a value from an enum: the type is made again without it.
    await queryRunner.query(`DELETE FROM "audit_entries" WHERE "action" = 'restore'`);
    await queryRunner.query(`ALTER TYPE "public"."audit_action" RENAME TO "audit_action_old"`);
    await queryRunner.query(`CREATE TYPE "public"."audit_action" AS ENUM('create', 'update', 'archive', 'delete')`);
    await queryRunner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "action" TYPE "public"."audit_action" USING "action"::text::"public"."audit_action"`);
    await queryRunner.query(`DROP TYPE "public"."audit_action_old"`);
  }
}
