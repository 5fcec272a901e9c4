import { Action } from '../actions/action.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { CalendarFeed } from '../calendar/calendar-feed.entity.js';
import { PasswordToken } from '../auth/password-token.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { MeetingContact, MeetingOrganisation } from '../meetings/meeting-party.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { SurveyInvitation } from '../surveys/survey-invitation.entity.js';
import { SurveyMessage } from '../surveys/survey-message.entity.js';
import { SurveyResponse } from '../surveys/survey-response.entity.js';
import { SurveyToken } from '../surveys/survey-token.entity.js';
import { Survey } from '../surveys/survey.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed rather than globbed so that the build and the tests load the same set. */
export const ENTITIES = [
  User,
  Organisation,
  Contact,
  Mission,
  Participant,
  Meeting,
  MeetingOrganisation,
  MeetingContact,
  Agreement,
  Action,
  Reminder,
  RefreshToken,
  ApiToken,
  PasswordToken,
  AuditEntry,
  Survey,
  SurveyInvitation,
  SurveyToken,
  SurveyMessage,
  SurveyResponse,
  CalendarFeed,
];
