import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain model: users, organisations, contacts, missions and their
 * delegations (participants), meetings with the parties on each side, agreements,
 * and follow-up actions with their due windows.
 * Started from the entities' schema diff, then checked by hand: gen_random_uuid()
 * (core since PostgreSQL 13) instead of uuid-ossp, the shared meeting_side type
 * created once, and the indexes TypeORM cannot express (partial unique indexes,
 * GIN indexes for arrays and trigram text search).
 */
export class DomainModel1764288000000 implements MigrationInterface {
  name = 'DomainModel1764288000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."organisation_kind" AS ENUM('company', 'government_body', 'agency', 'university', 'ngo', 'association', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(300) NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "country" character(2) NOT NULL, "city" character varying(200), "website" character varying(500), "sectors" text array NOT NULL DEFAULT '{}', "enterprise_number" character(10), "synthetic" boolean NOT NULL DEFAULT false, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisations_kind" ON "organisations"("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_country" ON "organisations"("country")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_name" ON "organisations"("name")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_synthetic" ON "organisations"("synthetic")`);
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "organisation_id" uuid, "name" character varying(200) NOT NULL, "role" character varying(200), "email" character varying(320), "phone" character varying(50), "synthetic" boolean NOT NULL DEFAULT false, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contacts_organisation_id" ON "contacts"("organisation_id")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_synthetic" ON "contacts"("synthetic")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_name" ON "contacts"("name")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_created_at" ON "contacts"("created_at")`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'officer', 'viewer')`);
    await queryRunner.query(`CREATE TYPE "public"."user_language" AS ENUM('nl', 'en')`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_mode" AS ENUM('each', 'digest')`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "role" "public"."user_role" NOT NULL DEFAULT 'officer', "language" "public"."user_language" NOT NULL DEFAULT 'nl', "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Brussels', "reminder_mode" "public"."reminder_mode" NOT NULL DEFAULT 'each', "password_hash" character varying(255), "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_role" ON "users"("role")`);
    await queryRunner.query(`CREATE INDEX "ix_users_language" ON "users"("language")`);
    await queryRunner.query(`CREATE INDEX "ix_users_reminder_mode" ON "users"("reminder_mode")`);
    await queryRunner.query(`CREATE TYPE "public"."mission_type" AS ENUM('economic_mission', 'state_visit', 'sector_mission', 'trade_fair', 'other')`);
    await queryRunner.query(`CREATE TYPE "public"."mission_status" AS ENUM('draft', 'planned', 'ongoing', 'completed', 'cancelled')`);
    await queryRunner.query(
      `CREATE TABLE "missions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "code" character varying(40) NOT NULL, "title" character varying(300) NOT NULL, "type" "public"."mission_type" NOT NULL, "host_countries" character(2) array NOT NULL, "cities" text array NOT NULL DEFAULT '{}', "start_date" date NOT NULL, "end_date" date NOT NULL, "time_zone" character varying(64) NOT NULL, "leader_contact_id" uuid, "owner_id" uuid, "organiser" character varying(300), "theme" character varying(500), "focus_sectors" text array NOT NULL DEFAULT '{}', "status" "public"."mission_status" NOT NULL DEFAULT 'planned', "previous_mission_id" uuid, "description" text, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_missions_dates" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_787aebb1ac5923c9904043c6309" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_missions_type" ON "missions"("type")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_start_date" ON "missions"("start_date")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_leader_contact_id" ON "missions"("leader_contact_id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_owner_id" ON "missions"("owner_id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_status" ON "missions"("status")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_previous_mission_id" ON "missions"("previous_mission_id")`);
    await queryRunner.query(`CREATE TYPE "public"."meeting_side" AS ENUM('delegation', 'counterpart')`);
    await queryRunner.query(
      `CREATE TABLE "meeting_organisations" ("meeting_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "side" "public"."meeting_side" NOT NULL, CONSTRAINT "PK_18eb2f0ececfce5595bad1d4983" PRIMARY KEY ("meeting_id", "organisation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_organisations_organisation_id" ON "meeting_organisations"("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "meeting_contacts" ("meeting_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "side" "public"."meeting_side" NOT NULL, CONSTRAINT "PK_c42b7938ce152ed8f2e8290def2" PRIMARY KEY ("meeting_id", "contact_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meeting_contacts_contact_id" ON "meeting_contacts"("contact_id")`);
    await queryRunner.query(`CREATE TYPE "public"."meeting_kind" AS ENUM('b2b', 'official', 'seminar', 'forum', 'site_visit', 'reception', 'other')`);
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "mission_id" uuid NOT NULL, "kind" "public"."meeting_kind" NOT NULL, "title" character varying(300) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "location" character varying(300), "topics" text array NOT NULL DEFAULT '{}', "attendee_count" integer, "summary" text, "outcome" text, "synthetic" boolean NOT NULL DEFAULT false, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_meetings_attendee_count" CHECK ("attendee_count" IS NULL OR "attendee_count" >= 0), CONSTRAINT "ck_meetings_times" CHECK ("ends_at" IS NULL OR "ends_at" >= "starts_at"), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_kind" ON "meetings"("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings"("starts_at")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_mission_id_starts_at" ON "meetings"("mission_id", "starts_at")`);
    await queryRunner.query(`CREATE TYPE "public"."agreement_type" AS ENUM('mou', 'loi', 'cooperation_agreement', 'contract')`);
    await queryRunner.query(`CREATE TYPE "public"."agreement_status" AS ENUM('planned', 'signed', 'in_force', 'expired', 'terminated')`);
    await queryRunner.query(
      `CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "type" "public"."agreement_type" NOT NULL, "title" character varying(300) NOT NULL, "mission_id" uuid, "meeting_id" uuid, "signed_on" date, "themes" text array NOT NULL DEFAULT '{}', "status" "public"."agreement_status" NOT NULL DEFAULT 'planned', "valid_from" date, "valid_until" date, "renewal_on" date, "description" text, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_agreements_validity" CHECK ("valid_until" IS NULL OR "valid_from" IS NULL OR "valid_until" >= "valid_from"), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_agreements_type" ON "agreements"("type")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_mission_id" ON "agreements"("mission_id")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_meeting_id" ON "agreements"("meeting_id")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_status" ON "agreements"("status")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_signed_on" ON "agreements"("signed_on")`);
    await queryRunner.query(
      `CREATE TYPE "public"."action_kind" AS ENUM('visit', 'signing', 'mission', 'state_visit', 'webinar', 'info_session', 'follow_up_meeting', 'survey', 'report', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."action_status" AS ENUM('open', 'in_progress', 'done', 'cancelled', 'postponed')`);
    await queryRunner.query(`CREATE TYPE "public"."due_precision" AS ENUM('day', 'range', 'part_of_month', 'month', 'quarter', 'half', 'season', 'year')`);
    await queryRunner.query(
      `CREATE TABLE "actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "title" character varying(300) NOT NULL, "kind" "public"."action_kind" NOT NULL DEFAULT 'other', "description" text, "mission_id" uuid NOT NULL, "agreement_id" uuid, "meeting_id" uuid, "owner_id" uuid, "status" "public"."action_status" NOT NULL DEFAULT 'open', "outcome" text, "due_from" date, "due_to" date, "due_precision" "public"."due_precision", "due_label" character varying(100), "completed_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_actions_due_window" CHECK ("due_to" IS NULL OR "due_from" IS NULL OR "due_to" >= "due_from"), CONSTRAINT "PK_7bfb822f56be449c0b8adbf83cf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_actions_kind" ON "actions"("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_agreement_id" ON "actions"("agreement_id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_meeting_id" ON "actions"("meeting_id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_from" ON "actions"("due_from")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_to" ON "actions"("due_to")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_owner_id_due_to" ON "actions"("owner_id", "due_to")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_mission_id_due_to" ON "actions"("mission_id", "due_to")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_status_due_to" ON "actions"("status", "due_to")`);
    await queryRunner.query(
      `CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "mission_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "sectors" text array NOT NULL DEFAULT '{}', "objectives" text, "satisfaction_score" smallint, "satisfaction_comment" text, "synthetic" boolean NOT NULL DEFAULT false, CONSTRAINT "uq_participants_mission_organisation" UNIQUE ("mission_id", "organisation_id"), CONSTRAINT "ck_participants_satisfaction_score" CHECK ("satisfaction_score" BETWEEN 1 AND 5), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_participants_organisation_id" ON "participants"("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "agreement_parties" ("agreement_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_53e7cfd455d55ce8dc26b9df668" PRIMARY KEY ("agreement_id", "organisation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4d0cf7ca4e34453f04cbf52287" ON "agreement_parties"("agreement_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_0f89598b25eb3b8bd6e7971427" ON "agreement_parties"("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "action_organisations" ("action_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_a0bb0971412c3ce7c2d0c2c29a3" PRIMARY KEY ("action_id", "organisation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ad374e41b8bdf85f1b467d2b73" ON "action_organisations"("action_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_c15dd81e38b3ede3e7a2bcb44c" ON "action_organisations"("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "action_watchers" ("action_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_f0dce91674c795b9e7c403a35dc" PRIMARY KEY ("action_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f870ab408d7e591cdfc4417f79" ON "action_watchers"("action_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_253b472919f3e6f3b5958e943c" ON "action_watchers"("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "participant_delegates" ("participant_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_63ea700c1271cedb00fe872fffa" PRIMARY KEY ("participant_id", "contact_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_af7256e7854fb058112bc18185" ON "participant_delegates"("participant_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_79492dd8e631c0a8b71114fb10" ON "participant_delegates"("contact_id")`);
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_f27a0da182698132dd931238103" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "missions" ADD CONSTRAINT "FK_ad2f157ae43a2692b722a7e78c4" FOREIGN KEY ("leader_contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "missions" ADD CONSTRAINT "FK_66f997c13dcf3595d5b4556005e" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "missions" ADD CONSTRAINT "FK_56ad67d93c4f843962b853b64ca" FOREIGN KEY ("previous_mission_id") REFERENCES "missions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_organisations" ADD CONSTRAINT "FK_e255dd9dc2476a08a3dbd9028dc" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_organisations" ADD CONSTRAINT "FK_60221807297362f31b087e36b54" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_contacts" ADD CONSTRAINT "FK_576e8cd45d5d4e2726be7b239fb" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_contacts" ADD CONSTRAINT "FK_139d85691b3b9995a648ce283b9" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_1ab44807c279cf49022113a92f3" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_e1b8eb70ddde704665b8ef85ae7" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_53a5313188465d45e502bcd151b" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_66b8e86f6efe7808a8677e02bd2" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_df1a0fe9e8691d27980b6e4aacb" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_50da74b6e18cec602bea8c9a874" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_ddb2f8ec375b8341af97eb02386" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "FK_a3b2f2ece592ad32d3c25fb5e9c" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "FK_2fdf52cfb70f7e4160688a45806" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_parties" ADD CONSTRAINT "fk_agreement_parties_agreement" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_parties" ADD CONSTRAINT "fk_agreement_parties_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_organisations" ADD CONSTRAINT "fk_action_organisations_action" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_organisations" ADD CONSTRAINT "fk_action_organisations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_watchers" ADD CONSTRAINT "fk_action_watchers_action" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_watchers" ADD CONSTRAINT "fk_action_watchers_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant_delegates" ADD CONSTRAINT "fk_participant_delegates_participant" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant_delegates" ADD CONSTRAINT "fk_participant_delegates_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower("email")) WHERE "archived_at" IS NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organisations_enterprise_number" ON "organisations" ("enterprise_number") WHERE "archived_at" IS NULL AND "enterprise_number" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organisations_name_trgm" ON "organisations" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_sectors" ON "organisations" USING gin ("sectors")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_name_trgm" ON "contacts" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_missions_code" ON "missions" (lower("code")) WHERE "archived_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_missions_host_countries" ON "missions" USING gin ("host_countries")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_title_trgm" ON "missions" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_missions_code_trgm" ON "missions" USING gin ("code" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_title_trgm" ON "meetings" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_title_trgm" ON "agreements" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_actions_title_trgm" ON "actions" USING gin ("title" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_actions_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_code_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_host_countries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_missions_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_email_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_sectors"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisations_enterprise_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`ALTER TABLE "participant_delegates" DROP CONSTRAINT "fk_participant_delegates_contact"`);
    await queryRunner.query(`ALTER TABLE "participant_delegates" DROP CONSTRAINT "fk_participant_delegates_participant"`);
    await queryRunner.query(`ALTER TABLE "action_watchers" DROP CONSTRAINT "fk_action_watchers_user"`);
    await queryRunner.query(`ALTER TABLE "action_watchers" DROP CONSTRAINT "fk_action_watchers_action"`);
    await queryRunner.query(`ALTER TABLE "action_organisations" DROP CONSTRAINT "fk_action_organisations_organisation"`);
    await queryRunner.query(`ALTER TABLE "action_organisations" DROP CONSTRAINT "fk_action_organisations_action"`);
    await queryRunner.query(`ALTER TABLE "agreement_parties" DROP CONSTRAINT "fk_agreement_parties_organisation"`);
    await queryRunner.query(`ALTER TABLE "agreement_parties" DROP CONSTRAINT "fk_agreement_parties_agreement"`);
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_2fdf52cfb70f7e4160688a45806"`);
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_a3b2f2ece592ad32d3c25fb5e9c"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_ddb2f8ec375b8341af97eb02386"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_50da74b6e18cec602bea8c9a874"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_df1a0fe9e8691d27980b6e4aacb"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP CONSTRAINT "FK_66b8e86f6efe7808a8677e02bd2"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "FK_53a5313188465d45e502bcd151b"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "FK_e1b8eb70ddde704665b8ef85ae7"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP CONSTRAINT "FK_1ab44807c279cf49022113a92f3"`);
    await queryRunner.query(`ALTER TABLE "meeting_contacts" DROP CONSTRAINT "FK_139d85691b3b9995a648ce283b9"`);
    await queryRunner.query(`ALTER TABLE "meeting_contacts" DROP CONSTRAINT "FK_576e8cd45d5d4e2726be7b239fb"`);
    await queryRunner.query(`ALTER TABLE "meeting_organisations" DROP CONSTRAINT "FK_60221807297362f31b087e36b54"`);
    await queryRunner.query(`ALTER TABLE "meeting_organisations" DROP CONSTRAINT "FK_e255dd9dc2476a08a3dbd9028dc"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "FK_56ad67d93c4f843962b853b64ca"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "FK_66f997c13dcf3595d5b4556005e"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "FK_ad2f157ae43a2692b722a7e78c4"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_f27a0da182698132dd931238103"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79492dd8e631c0a8b71114fb10"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_af7256e7854fb058112bc18185"`);
    await queryRunner.query(`DROP TABLE "participant_delegates"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_253b472919f3e6f3b5958e943c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f870ab408d7e591cdfc4417f79"`);
    await queryRunner.query(`DROP TABLE "action_watchers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c15dd81e38b3ede3e7a2bcb44c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad374e41b8bdf85f1b467d2b73"`);
    await queryRunner.query(`DROP TABLE "action_organisations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f89598b25eb3b8bd6e7971427"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d0cf7ca4e34453f04cbf52287"`);
    await queryRunner.query(`DROP TABLE "agreement_parties"`);
    await queryRunner.query(`DROP INDEX "public"."ix_participants_organisation_id"`);
    await queryRunner.query(`DROP TABLE "participants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_status_due_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_mission_id_due_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_owner_id_due_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_due_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_due_from"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_meeting_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_agreement_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_actions_kind"`);
    await queryRunner.query(`DROP TABLE "actions"`);
    await queryRunner.query(`DROP TYPE "public"."due_precision"`);
    await queryRunner.query(`DROP TYPE "public"."action_status"`);
    await queryRunner.query(`DROP TYPE "public"."action_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_signed_on"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_meeting_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_mission_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agreements_type"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
    await queryRunner.query(`DROP TYPE "public"."agreement_status"`);
    await queryRunner.query(`DROP TYPE "public"."agreement_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_mission_id_starts_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_starts_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_kind"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TYPE "public"."meeting_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_contacts_contact_id"`);
    await queryRunner.query(`DROP TABLE "meeting_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meeting_organisations_organisation_id"`);
    await queryRunner.query(`DROP TABLE "meeting_organisations"`);
    await queryRunner.query(`DROP TYPE "public"."meeting_side"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_previous_mission_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_owner_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_leader_contact_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_start_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_missions_type"`);
    await queryRunner.query(`DROP TABLE "missions"`);
    await queryRunner.query(`DROP TYPE "public"."mission_status"`);
    await queryRunner.query(`DROP TYPE "public"."mission_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_reminder_mode"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_language"`);
    await queryRunner.query(`DROP INDEX "public"."ix_users_role"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_mode"`);
    await queryRunner.query(`DROP TYPE "public"."user_language"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_synthetic"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_organisation_id"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_synthetic"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_country"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisations_kind"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
  }
}
