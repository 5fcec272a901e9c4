import { DomainModel1764288000000 } from './1764288000000-domain-model.js';
import { Reminders1764374400000 } from './1764374400000-reminders.js';
import { Auth1764460800000 } from './1764460800000-auth.js';
import { Audit1764460800001 } from './1764460800001-audit.js';
import { ArchiveRestore1764633600000 } from './1764633600000-archive-restore.js';
import { PasswordTokens1764633600001 } from './1764633600001-password-tokens.js';
import { AccentInsensitiveSearch1764633600002 } from './1764633600002-accent-insensitive-search.js';
import { CalendarFeeds1764633600013 } from './1764633600013-calendar-feeds.js';
import { ReportAndSurvey1764720000012 } from './1764720000012-report-and-survey.js';
import { SortIndexes1764720000140 } from './1764720000140-sort-indexes.js';

/** Every migration in order; listed rather than globbed so the build and the tests load the same set. */
export const MIGRATIONS = [
  DomainModel1764288000000,
  Reminders1764374400000,
  Auth1764460800000,
  Audit1764460800001,
  ArchiveRestore1764633600000,
  PasswordTokens1764633600001,
  AccentInsensitiveSearch1764633600002,
  CalendarFeeds1764633600013,
  ReportAndSurvey1764720000012,
  SortIndexes1764720000140,
];
