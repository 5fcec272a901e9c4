import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every sort a list offers is read from an index instead of sorting the whole table: (field, id)
 * for each sort field, scanned forwards or backwards (lists break ties by id in the direction of
 * the sort), and (field DESC NULLS LAST, id DESC) where a nullable field is sorted with the
 * empty ones last both ways. The (field, id) indexes replace the single-column ones they cover.
 */
export class SortIndexes1764720000140 implements MigrationInterface {
  name = 'SortIndexes1764720000140';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_organisations_kind"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_country"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_name"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_name"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_created_at"`);
    await queryRunner.query(`DROP INDEX "ix_missions_start_date"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_agreements_signed_on"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_from"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_to"`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_updated_at_id" ON "organisations" ("updated_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_created_at_id" ON "organisations" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_country_id" ON "organisations" ("country", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_kind_id" ON "organisations" ("kind", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_name_id" ON "organisations" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_created_at_id" ON "contacts" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_name_id" ON "contacts" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_users_created_at_id" ON "users" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_users_email_id" ON "users" ("email", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_users_name_id" ON "users" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_created_at_id" ON "missions" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_title_id" ON "missions" ("title", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_code_id" ON "missions" ("code", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_start_date_id" ON "missions" ("start_date", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_created_at_id" ON "meetings" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_title_id" ON "meetings" ("title", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at_id" ON "meetings" ("starts_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_created_at_id" ON "agreements" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_title_id" ON "agreements" ("title", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_signed_on_id" ON "agreements" ("signed_on", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_from_id" ON "actions" ("due_from", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_to_id" ON "actions" ("due_to", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_updated_at_id" ON "actions" ("updated_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_created_at_id" ON "actions" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_status_id" ON "actions" ("status", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_title_id" ON "actions" ("title", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_sent_at_id" ON "reminders" ("sent_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_created_at_id" ON "reminders" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_fire_at_id" ON "reminders" ("fire_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_to_desc" ON "actions" ("due_to" DESC NULLS LAST, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_from_desc" ON "actions" ("due_from" DESC NULLS LAST, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "ix_reminders_sent_at_desc" ON "reminders" ("sent_at" DESC NULLS LAST, "id" DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_reminders_sent_at_desc"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_from_desc"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_to_desc"`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_kind" ON "organisations" ("kind")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_country" ON "organisations" ("country")`);
    await queryRunner.query(`CREATE INDEX "ix_organisations_name" ON "organisations" ("name")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_name" ON "contacts" ("name")`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_created_at" ON "contacts" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_missions_start_date" ON "missions" ("start_date")`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at")`);
    await queryRunner.query(`CREATE INDEX "ix_agreements_signed_on" ON "agreements" ("signed_on")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_from" ON "actions" ("due_from")`);
    await queryRunner.query(`CREATE INDEX "ix_actions_due_to" ON "actions" ("due_to")`);
    await queryRunner.query(`DROP INDEX "ix_organisations_updated_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_country_id"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_kind_id"`);
    await queryRunner.query(`DROP INDEX "ix_organisations_name_id"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_name_id"`);
    await queryRunner.query(`DROP INDEX "ix_users_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_users_email_id"`);
    await queryRunner.query(`DROP INDEX "ix_users_name_id"`);
    await queryRunner.query(`DROP INDEX "ix_missions_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_missions_title_id"`);
    await queryRunner.query(`DROP INDEX "ix_missions_code_id"`);
    await queryRunner.query(`DROP INDEX "ix_missions_start_date_id"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_title_id"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_agreements_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_agreements_title_id"`);
    await queryRunner.query(`DROP INDEX "ix_agreements_signed_on_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_from_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_due_to_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_updated_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_status_id"`);
    await queryRunner.query(`DROP INDEX "ix_actions_title_id"`);
    await queryRunner.query(`DROP INDEX "ix_reminders_sent_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_reminders_created_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_reminders_fire_at_id"`);
  }
}
