import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import { createQueryClient } from '@/lib/queryClient';
import { ALERT_ROLES, CASE_ROLES, INTAKE_ROLES, MEETING_ROLES, REVIEW_ROLES } from '@/lib/roles';
import { AdminLayout } from '@/features/admin/AdminLayout';
import { AgenciesPage } from '@/features/admin/AgenciesPage';
import { AgencyFormPage } from '@/features/admin/AgencyFormPage';
import { NewUserPage } from '@/features/admin/NewUserPage';
import { GroupsPage } from '@/features/admin/GroupsPage';
import { SystemsPage } from '@/features/admin/SystemsPage';
import { TeamPage } from '@/features/admin/TeamPage';
import { TeamsPage } from '@/features/admin/TeamsPage';
import { UserPage } from '@/features/admin/UserPage';
import { UsersPage } from '@/features/admin/UsersPage';
import { AlertPage } from '@/features/alerts/AlertPage';
import { AlertsPage } from '@/features/alerts/AlertsPage';
import { AuditPage } from '@/features/audit/AuditPage';
import { CaseLayout } from '@/features/cases/CaseLayout';
import { CaseAccessLog } from '@/features/cases/CaseAccessLog';
import { CaseMembers } from '@/features/cases/CaseMembers';
import { CaseOverview } from '@/features/cases/CaseOverview';
import { CasePeople } from '@/features/cases/CasePeople';
import { CasePlan } from '@/features/cases/CasePlan';
import { CasesPage } from '@/features/cases/CasesPage';
import { CaseTasks } from '@/features/cases/CaseTasks';
import { CaseTimeline } from '@/features/cases/CaseTimeline';
import { MyTasksPage } from '@/features/cases/MyTasksPage';
import { NewCasePage } from '@/features/cases/NewCasePage';
import { CaseChat } from '@/features/chat/CaseChat';
import { ChatTab } from '@/features/chat/ChatTab';
import { EmergencyAccessPage } from '@/features/emergency/EmergencyAccessPage';
import { EmergencyReviewPage } from '@/features/emergency/EmergencyReviewPage';
import { ChangePasswordPage } from '@/features/auth/ChangePasswordPage';
import { LoginPage } from '@/features/auth/LoginPage';
import { HomePage } from '@/features/home/HomePage';
import { IntakePage } from '@/features/intake/IntakePage';
import { InvitedItemPage } from '@/features/meetings/InvitedItemPage';
import { MeetingPage } from '@/features/meetings/MeetingPage';
import { MeetingsPage } from '@/features/meetings/MeetingsPage';
import { MailboxPage } from '@/features/profile/MailboxPage';
import { MfaSetupPage } from '@/features/profile/MfaSetupPage';
import { ProfilePage } from '@/features/profile/ProfilePage';
import { OnCallPage } from '@/features/oncall/OnCallPage';
import { RotaPage } from '@/features/oncall/RotaPage';
import { ONCALL_ROLES } from '@/features/oncall/roles';
import { CaseReferrals } from '@/features/referrals/CaseReferrals';
import { ReferForm } from '@/features/referrals/ReferForm';
import { ReferralPage } from '@/features/referrals/ReferralPage';
import { ReferralsPage } from '@/features/referrals/ReferralsPage';
import { DV_TAB, DvPage } from '@/features/protection/DvPage';
import { OpinionRequestPage } from '@/features/protection/OpinionRequestPage';
import { ViolenceReportPage } from '@/features/protection/ViolenceReportPage';
import { IncomingAssessmentsPage } from '@/features/protection/IncomingAssessmentsPage';
import { ViolenceReportsPage } from '@/features/protection/ViolenceReportsPage';
import { NotFound, RedirectIfSignedIn, RequireAuth, RequireRole } from './guards';
import { Layout } from './Layout';

// Other features' tabs in the case workspace (features do not import each other).
const EXTRA_TABS = [DV_TAB];

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route
          path="/login"
          element={
            <RedirectIfSignedIn>
              <LoginPage />
            </RedirectIfSignedIn>
          }
        />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="change-password" element={<ChangePasswordPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="profile/mfa" element={<MfaSetupPage />} />
          <Route path="mailbox" element={<MailboxPage />} />
          <Route element={<RequireRole role="admin" />}>
            <Route path="admin" element={<AdminLayout />}>
              <Route index element={<Navigate to="users" replace />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="users/new" element={<NewUserPage />} />
              <Route path="users/:id" element={<UserPage />} />
              <Route path="teams" element={<TeamsPage />} />
              <Route path="teams/:id" element={<TeamPage />} />
              <Route path="agencies" element={<AgenciesPage />} />
              <Route path="agencies/new" element={<AgencyFormPage />} />
              <Route path="agencies/:id" element={<AgencyFormPage />} />
              <Route path="systems" element={<SystemsPage />} />
              <Route path="groups" element={<GroupsPage />} />
            </Route>
          </Route>
          <Route element={<RequireRole role="auditor" />}>
            <Route path="audit" element={<AuditPage />} />
          </Route>
          <Route element={<RequireRole role={CASE_ROLES} />}>
            <Route path="cases" element={<CasesPage />} />
            <Route path="tasks" element={<MyTasksPage />} />
            <Route path="cases/new" element={<NewCasePage />} />
            <Route path="cases/:id/emergency-access" element={<EmergencyAccessPage />} />
            <Route path="cases/:id" element={<CaseLayout chatTab={ChatTab} extraTabs={EXTRA_TABS} />}>
              <Route index element={<CaseOverview referrals={CaseReferrals} />} />
              <Route path="chat" element={<CaseChat />} />
              <Route path="timeline" element={<CaseTimeline />} />
              <Route path="plan" element={<CasePlan />} />
              <Route path="tasks" element={<CaseTasks />} />
              <Route path="people" element={<CasePeople />} />
              <Route path="members" element={<CaseMembers />} />
              <Route path="access-log" element={<CaseAccessLog />} />
              <Route path="refer" element={<ReferForm />} />
              <Route path="dv" element={<DvPage />} />
            </Route>
            <Route path="referrals" element={<ReferralsPage />} />
            <Route path="referrals/:id" element={<ReferralPage />} />
            <Route path="opinion-requests/:id" element={<OpinionRequestPage />} />
            <Route path="violence-reports" element={<ViolenceReportsPage />} />
            <Route path="risk-assessments" element={<IncomingAssessmentsPage />} />
            <Route path="violence-reports/:id" element={<ViolenceReportPage />} />
          </Route>
          <Route element={<RequireRole role={ALERT_ROLES} />}>
            <Route path="alerts" element={<AlertsPage />} />
            <Route path="alerts/:id" element={<AlertPage />} />
          </Route>
          <Route element={<RequireRole role={INTAKE_ROLES} />}>
            <Route path="intake" element={<IntakePage />} />
          </Route>
          <Route element={<RequireRole role={ONCALL_ROLES} />}>
            <Route path="on-call" element={<OnCallPage />} />
            <Route path="on-call/:agencyId" element={<RotaPage />} />
          </Route>
          <Route element={<RequireRole role={REVIEW_ROLES} />}>
            <Route path="emergency-access" element={<EmergencyReviewPage />} />
          </Route>
          <Route element={<RequireRole role={MEETING_ROLES} />}>
            <Route path="meetings" element={<MeetingsPage />} />
            <Route path="meetings/:id" element={<MeetingPage />} />
            <Route path="meeting-items/:id" element={<InvitedItemPage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

export function App({ client }: { client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <StatusProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </StatusProvider>
    </QueryClientProvider>
  );
}
