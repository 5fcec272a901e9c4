import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders: one row per message, planned with the action's change and claimed by
 * exactly one worker. The partial unique index is the at-most-once guarantee: for one
 * (action, kind, occurrence, recipient) there is never more than one live or sent row.
 * The partial index on fire_at serves the sweep, which looks only at unsent rows.
 */
export class Reminders1764374400000 implements MigrationInterface {
  name = 'Reminders1764374400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "actions" ADD "reminder_policy" jsonb`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_kind" AS ENUM('assignment', 'heads_up', 'due_soon', 'due', 'overdue', 'escalation', 'digest')`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_status" AS ENUM('planned', 'sending', 'sent', 'failed', 'cancelled', 'skipped')`);
    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "action_id" uuid, "kind" "public"."reminder_kind" NOT NULL, "occurrence" integer NOT NULL DEFAULT '0', "recipient_id" uuid NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "snoozed" boolean NOT NULL DEFAULT false, "status" "public"."reminder_status" NOT NULL DEFAULT 'planned', "attempts" integer NOT NULL DEFAULT '0', "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(300), "subject" character varying(300), "last_error" text, "reason" character varying(200), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reminders_status" ON "reminders"("status")`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_recipient_id_fire_at" ON "reminders"("recipient_id", "fire_at")`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_action_id" ON "reminders"("action_id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_reminders_occurrence" ON "reminders"("action_id", "kind", "occurrence", "recipient_id") NULLS NOT DISTINCT WHERE "status" IN ('planned', 'sending', 'sent', 'failed', 'skipped')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_reminders_due" ON "reminders"("fire_at") WHERE "status" IN ('planned', 'sending')`);
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "FK_5f10f864e6278acb30d9865c751" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "FK_3a46fff72ab09990844e9f221f4" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "FK_3a46fff72ab09990844e9f221f4"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "FK_5f10f864e6278acb30d9865c751"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_due"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reminders_occurrence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_action_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_recipient_id_fire_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminders_status"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_status"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_kind"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP COLUMN "reminder_policy"`);
  }
}
