import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use links that set a password: invitations and resets, stored only as their hash. */
export class PasswordTokens1764633600001 implements MigrationInterface {
  name = 'PasswordTokens1764633600001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."password_token_purpose" AS ENUM('invitation', 'reset')`);
    await queryRunner.query(
      `CREATE TABLE "password_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "purpose" "public"."password_token_purpose" NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "message_id" character varying(300), "last_error" text, CONSTRAINT "PK_816120c39410c02dabd34b8672b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_password_tokens_token_hash" ON "password_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_password_tokens_user_id" ON "password_tokens" ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "password_tokens" ADD CONSTRAINT "FK_5ac1fd8593c46bf145b2b886195" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "password_tokens" DROP CONSTRAINT "FK_5ac1fd8593c46bf145b2b886195"`);
    await queryRunner.query(`DROP INDEX "public"."ix_password_tokens_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_password_tokens_token_hash"`);
    await queryRunner.query(`DROP TABLE "password_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."password_token_purpose"`);
  }
}
