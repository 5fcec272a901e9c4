import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What each list's q searches: one expression per table, lower-cased and without accents ("Hai Phong" finds "Hải Phòng"). */
const SEARCHED: [table: string, expression: string, replaces: string[]][] = [
  ['actions', `ARRAY["title"]`, ['title']],
  ['agreements', `ARRAY["title"]`, ['title']],
  ['contacts', `ARRAY["name", "email"]`, ['name']],
  ['meetings', `ARRAY["title"]`, ['title']],
  ['missions', `ARRAY["title", "code"] || "cities"`, ['title', 'code']],
  ['organisations', `ARRAY["name", "city"]`, ['name']],
  ['users', `ARRAY["name", "email"]`, ['name', 'email']],
];

/**
 * Text search that ignores accents and case, through trigram indexes. unaccent() is only STABLE
 * (its dictionary could change), so an index needs an IMMUTABLE wrapper that names the
 * dictionary; array_to_string is STABLE as well, hence the wrapper over an array of fields.
 */
export class AccentInsensitiveSearch1764633600002 implements MigrationInterface {
  name = 'AccentInsensitiveSearch1764633600002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`);
    await queryRunner.query(
      `CREATE FUNCTION public.mcrm_search_text(fields text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
         AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, array_to_string(fields, ' '))) $$`,
    );
    for (const [table, expression, replaces] of SEARCHED) {
      for (const column of replaces) await queryRunner.query(`DROP INDEX "public"."ix_${table}_${column}_trgm"`);
      await queryRunner.query(`CREATE INDEX "ix_${table}_search" ON "${table}" USING gin (public.mcrm_search_text(${expression}) gin_trgm_ops)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, , replaces] of SEARCHED) {
      await queryRunner.query(`DROP INDEX "public"."ix_${table}_search"`);
      for (const column of replaces) await queryRunner.query(`CREATE INDEX "ix_${table}_${column}_trgm" ON "${table}" USING gin ("${column}" gin_trgm_ops)`);
    }
    await queryRunner.query(`DROP FUNCTION public.mcrm_search_text(text[])`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
  }
}
