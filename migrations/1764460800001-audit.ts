import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per create, update, archive or delete, written in the
 * transaction of the change. Every filter of GET /audit and each resource's history
 * has an index that ends with occurred_at, so pages are read in order.
 */
export class Audit1764460800001 implements MigrationInterface {
  name = 'Audit1764460800001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."audit_action" AS ENUM('create', 'update', 'archive', 'delete')`);
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_id" uuid, "action" "public"."audit_action" NOT NULL, "entity" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "changes" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_entity_entity_id_occurred_at" ON "audit_entries"("entity", "entity_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_entity_occurred_at" ON "audit_entries"("entity", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_actor_id_occurred_at" ON "audit_entries"("actor_id", "occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_occurred_at" ON "audit_entries"("occurred_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entries_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entries_actor_id_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entries_entity_occurred_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entries_entity_entity_id_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP TYPE "public"."audit_action"`);
  }
}
