import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts gain the language a survey invitation is written in; the satisfaction survey of a
 * mission: its invitations (one per delegate), their tokens (hashes only), the messages that
 * carry them (delivered like reminders; the partial index on fire_at serves the sweep) and
 * the answers as received.
 */
export class ReportAndSurvey1764720000012 implements MigrationInterface {
  name = 'ReportAndSurvey1764720000012';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "surveys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "mission_id" uuid NOT NULL, "closes_on" date NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminder_days_before" integer NOT NULL, CONSTRAINT "uq_surveys_mission_id" UNIQUE ("mission_id"), CONSTRAINT "PK_1b5e3d4aaeb2321ffa98498c971" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "survey_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "uq_survey_invitations_survey_participant_contact" UNIQUE ("survey_id", "participant_id", "contact_id"), CONSTRAINT "PK_8a42ab5d797ea8f45e4155ebbc2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survey_invitations_participant_id" ON "survey_invitations"("participant_id")`);
    await queryRunner.query(`CREATE INDEX "ix_survey_invitations_contact_id" ON "survey_invitations"("contact_id")`);
    await queryRunner.query(`CREATE TYPE "public"."survey_message_kind" AS ENUM('invitation', 'reminder')`);
    await queryRunner.query(`CREATE TYPE "public"."survey_message_status" AS ENUM('planned', 'sending', 'sent', 'failed', 'cancelled', 'skipped')`);
    await queryRunner.query(
      `CREATE TABLE "survey_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "invitation_id" uuid NOT NULL, "kind" "public"."survey_message_kind" NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."survey_message_status" NOT NULL DEFAULT 'planned', "attempts" integer NOT NULL DEFAULT '0', "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(300), "subject" character varying(300), "last_error" text, "reason" character varying(200), CONSTRAINT "uq_survey_messages_invitation_kind" UNIQUE ("invitation_id", "kind"), CONSTRAINT "PK_50dae2fd5041bd6f21d7484f0c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "survey_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "invitation_id" uuid NOT NULL, "score" smallint NOT NULL, "comment" text, "would_join_again" boolean, "b2b_useful" boolean, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_survey_responses_score" CHECK ("score" BETWEEN 1 AND 5), CONSTRAINT "PK_349995c51959d139d8e485a58ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survey_responses_invitation_id" ON "survey_responses"("invitation_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_survey_responses_survey_id_participant_id_received_at" ON "survey_responses"("survey_id", "participant_id", "received_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "survey_tokens" ("token_hash" character(64) NOT NULL, "invitation_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_817298256287f3893ee8da5def1" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survey_tokens_invitation_id" ON "survey_tokens"("invitation_id")`);
    await queryRunner.query(`CREATE TYPE "public"."contact_language" AS ENUM('nl', 'en')`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "language" "public"."contact_language" NOT NULL DEFAULT 'nl'`);
    await queryRunner.query(
      `ALTER TABLE "surveys" ADD CONSTRAINT "FK_a06dd80855e8dbd62990dae814e" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_invitations" ADD CONSTRAINT "FK_1f7c8b5670223584fdc6ac8e851" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_invitations" ADD CONSTRAINT "FK_66238578c6f1ecc95b7901525b0" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_invitations" ADD CONSTRAINT "FK_839010d04883b0079124a9a1e31" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_messages" ADD CONSTRAINT "FK_8a29783650e6808da73162c65e9" FOREIGN KEY ("invitation_id") REFERENCES "survey_invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "FK_2b4e3f83ce0b4a0d7617ac0cd44" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "FK_babd6da576ab6d31e02422a4af7" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "FK_7e82b5cc23ee037b01d7c7aaf1e" FOREIGN KEY ("invitation_id") REFERENCES "survey_invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "survey_tokens" ADD CONSTRAINT "FK_e85b379440feae93b6fb3c6f134" FOREIGN KEY ("invitation_id") REFERENCES "survey_invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survey_messages_due" ON "survey_messages"("fire_at") WHERE "status" IN ('planned', 'sending')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_survey_messages_due"`);
    await queryRunner.query(`ALTER TABLE "survey_tokens" DROP CONSTRAINT "FK_e85b379440feae93b6fb3c6f134"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "FK_7e82b5cc23ee037b01d7c7aaf1e"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "FK_babd6da576ab6d31e02422a4af7"`);
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "FK_2b4e3f83ce0b4a0d7617ac0cd44"`);
    await queryRunner.query(`ALTER TABLE "survey_messages" DROP CONSTRAINT "FK_8a29783650e6808da73162c65e9"`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "FK_839010d04883b0079124a9a1e31"`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "FK_66238578c6f1ecc95b7901525b0"`);
    await queryRunner.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "FK_1f7c8b5670223584fdc6ac8e851"`);
    await queryRunner.query(`ALTER TABLE "surveys" DROP CONSTRAINT "FK_a06dd80855e8dbd62990dae814e"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "language"`);
    await queryRunner.query(`DROP TYPE "public"."contact_language"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_tokens_invitation_id"`);
    await queryRunner.query(`DROP TABLE "survey_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_responses_survey_id_participant_id_received_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_responses_invitation_id"`);
    await queryRunner.query(`DROP TABLE "survey_responses"`);
    await queryRunner.query(`DROP TABLE "survey_messages"`);
    await queryRunner.query(`DROP TYPE "public"."survey_message_status"`);
    await queryRunner.query(`DROP TYPE "public"."survey_message_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_invitations_contact_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survey_invitations_participant_id"`);
    await queryRunner.query(`DROP TABLE "survey_invitations"`);
    await queryRunner.query(`DROP TABLE "surveys"`);
  }
}
