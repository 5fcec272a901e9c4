import { createBrowserRouter } from 'react-router';
import { ActionFormPage } from '../actions/ActionFormPage';
import { ActionPage } from '../actions/ActionPage';
import { TokensPage } from '../admin/TokensPage';
import { UserFormPage } from '../admin/UserFormPage';
import { UsersPage } from '../admin/UsersPage';
import { RequireSession } from '../auth/RequireSession';
import { ForgotPasswordPage, ResetPasswordPage } from '../auth/PasswordPages';
import { SignInPage } from '../auth/SignInPage';
import { ContactFormPage } from '../contacts/ContactFormPage';
import { ContactPage } from '../contacts/ContactPage';
import { ContactsPage } from '../contacts/ContactsPage';
import { MyFollowUpsPage } from '../home/MyFollowUpsPage';
import { AgreementFormPage } from '../missions/AgreementFormPage';
import { MeetingFormPage } from '../missions/MeetingFormPage';
import { MissionFormPage } from '../missions/MissionFormPage';
import { MissionPage } from '../missions/MissionPage';
import { MissionsPage } from '../missions/MissionsPage';
import { ParticipantFormPage } from '../missions/ParticipantFormPage';
import { OrganisationFormPage } from '../organisations/OrganisationFormPage';
import { OrganisationPage } from '../organisations/OrganisationPage';
import { OrganisationsPage } from '../organisations/OrganisationsPage';
import { OverdueBoardPage } from '../overdue/OverdueBoardPage';
import { ImportPage } from '../imports/ImportPage';
import { ProfilePage } from '../profile/ProfilePage';
import { Layout } from './Layout';
import { LegacyLink } from './LegacyLink';
import { RouteError } from './RouteError';
import { RequireAdmin } from '../auth/RequireAdmin';
import { RequireActionChange, RequireWrites } from '../auth/RequireWrites';
import { NotFoundPage } from './NotFoundPage';

/** Every path here is a deep link the service answers with the dashboard (e-mails link to /actions/{id}). */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/dashboard/*', element: <LegacyLink /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Layout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <MyFollowUpsPage /> },
          { path: 'overdue', element: <OverdueBoardPage /> },
          { path: 'missions', element: <MissionsPage /> },
          { path: 'missions/:id', element: <MissionPage /> },
          { path: 'actions/:id', element: <ActionPage /> },
          { path: 'organisations', element: <OrganisationsPage /> },
          { path: 'organisations/:id', element: <OrganisationPage /> },
          { path: 'contacts', element: <ContactsPage /> },
          { path: 'contacts/:id', element: <ContactPage /> },
          {
            // The forms: a viewer's save would answer 403.
            element: <RequireWrites />,
            children: [
              { path: 'missions/new', element: <MissionFormPage /> },
              { path: 'missions/:id/edit', element: <MissionFormPage /> },
              { path: 'missions/:missionId/participants/new', element: <ParticipantFormPage /> },
              { path: 'missions/:missionId/participants/:id/edit', element: <ParticipantFormPage /> },
              { path: 'meetings/new', element: <MeetingFormPage /> },
              { path: 'meetings/:id/edit', element: <MeetingFormPage /> },
              { path: 'agreements/new', element: <AgreementFormPage /> },
              { path: 'agreements/:id/edit', element: <AgreementFormPage /> },
              { path: 'actions/new', element: <ActionFormPage /> },
              {
                path: 'actions/:id/edit',
                element: (
                  <RequireActionChange>
                    <ActionFormPage />
                  </RequireActionChange>
                ),
              },
              { path: 'organisations/new', element: <OrganisationFormPage /> },
              { path: 'organisations/:id/edit', element: <OrganisationFormPage /> },
              { path: 'contacts/new', element: <ContactFormPage /> },
              { path: 'contacts/:id/edit', element: <ContactFormPage /> },
            ],
          },
          {
            element: <RequireAdmin />,
            children: [
              { path: 'users', element: <UsersPage /> },
              { path: 'users/new', element: <UserFormPage /> },
              { path: 'users/:id/edit', element: <UserFormPage /> },
            ],
          },
          { path: 'tokens', element: <TokensPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'imports', element: <ImportPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
