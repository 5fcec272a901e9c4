import type { EntityManager } from 'typeorm';

/**
 * A transaction in progress, as services see it: a repository's `transaction()` starts one and
 * hands it to the work, which passes it on to every repository it calls (its own domain's and
 * other domains'), so that all of them read and write in the same transaction. A service only
 * carries it; reading and writing through it is the repositories' business (the lint keeps
 * TypeORM's EntityManager and other domains' entities out of services).
 */
export type Transaction = EntityManager;
