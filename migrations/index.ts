import { DomainModel1764288000000 } from './1764288000000-domain-model.js';
import { Reminders1764374400000 } from './1764374400000-reminders.js';

/** Every migration in order; listed rather than globbed so the build and the tests load the same set. */
export const MIGRATIONS = [DomainModel1764288000000, Reminders1764374400000];
