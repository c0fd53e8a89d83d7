import { lazy, Suspense, useEffect } from 'react';
import { StatusBadge } from './ui/StatusBadge';
import { Overview } from './features/health/Overview';
import { generatorsStore } from './features/generator/generator-store';
import { followMetrics } from './features/metrics/metrics-store';
import { alertsStore } from './features/alerts/alerts-store';
import { onProfileSwitch, profilesStore } from './features/profiles/profiles-store';
import { forgetClusterData } from './store';
import { PAGES, useRoute, type Page } from './router';
import { appInfoStore, followConnection, linkStore } from './features/app/connection-store';
import { healthCalls, healthStore } from './features/health/health-store';
import { stackStore } from './features/stack/stack-store';
import { topicsStore } from './features/topics/topics-store';

// Every page but the Overview (the first one shown) loads when it is first opened: the first paint does not wait
// for the code (charts, forms) of pages not shown.
const StackPage = lazy(() => import('./features/stack/StackPage').then((module) => ({ default: module.StackPage })));
const TopicDetailPage = lazy(() => import('./features/topics/TopicDetailPage').then((module) => ({ default: module.TopicDetailPage })));
const TopicsPage = lazy(() => import('./features/topics/TopicsPage').then((module) => ({ default: module.TopicsPage })));
const BrokersPage = lazy(() => import('./features/brokers/BrokersPage').then((module) => ({ default: module.BrokersPage })));
const AclsPage = lazy(() => import('./features/acls/AclsPage').then((module) => ({ default: module.AclsPage })));
const UsersPage = lazy(() => import('./features/users/UsersPage').then((module) => ({ default: module.UsersPage })));
const AlertsPage = lazy(() => import('./features/alerts/AlertsPage').then((module) => ({ default: module.AlertsPage })));
const JobDetailPage = lazy(() => import('./features/pipelines/JobDetailPage').then((module) => ({ default: module.JobDetailPage })));
const ConsumersPage = lazy(() => import('./features/consumers/ConsumersPage').then((module) => ({ default: module.ConsumersPage })));
const ConnectPage = lazy(() => import('./features/connect/ConnectPage').then((module) => ({ default: module.ConnectPage })));
const PipelinesPage = lazy(() => import('./features/pipelines/PipelinesPage').then((module) => ({ default: module.PipelinesPage })));
const ProfilesPage = lazy(() => import('./features/profiles/ProfilesPage').then((module) => ({ default: module.ProfilesPage })));
const SchemasPage = lazy(() => import('./features/schemas/SchemasPage').then((module) => ({ default: module.SchemasPage })));
// the SQL page (editor, highlighter, result table) is loaded when first opened, not with the first page
const SqlPage = lazy(() => import('./features/sql/SqlPage'));

/**
 * Pages whose first read starts with the navigation, not once their code has loaded and mounted: the Topics rows at
 * 10,000 topics waited for the page's chunk before asking (bench/topics). The page's own watch then waits for this read.
 */
const FIRST_READS: Partial<Record<Page, () => void>> = { topics: () => void topicsStore.refresh() };

const NAV_LABELS: Record<Page, string> = {
  overview: 'Overview',
  brokers: 'Brokers',
  topics: 'Topics',
  schemas: 'Schemas',
  pipelines: 'Pipelines',
  sql: 'SQL',
  consumers: 'Consumers',
  connect: 'Connect',
  acls: 'ACLs',
  users: 'Users',
  alerts: 'Alerts',
  stack: 'Stack',
  profiles: 'Profiles',
};

function StatusBar() {
  const snapshot = healthStore.useSelect(undefined, (state) => state.data);
  const operation = stackStore.useSelect(undefined, (state) => state.data?.operation ?? 'idle');
  const linked = linkStore.useSelect(undefined, (state) => state.data ?? true);
  const info = appInfoStore.useSelect(undefined, (state) => state.data);
  const activeAlerts = alertsStore.useSelect(undefined, (state) => state.data?.active.length ?? 0);
  return (
    <footer className="statusbar">
      {!linked && <span className="statusbar-alert">Lost the link to the StreamDesk server — reconnecting…</span>}
      {operation !== 'idle' && <span data-testid="statusbar-stack">Local stack {operation}…</span>}
      <span className="spacer" />
      {activeAlerts > 0 && (
        <a href="#/alerts" className="statusbar-alert" data-testid="statusbar-alerts">
          {activeAlerts} active alert{activeAlerts === 1 ? '' : 's'}
        </a>
      )}
      {snapshot && <StatusBadge status={snapshot.overall} />}
      {info && (
        <span className="muted">
          {info.connection.name} · StreamDesk {info.version}
        </span>
      )}
    </footer>
  );
}

function PageFor({ page, param }: { page: Page; param: string | null }) {
  switch (page) {
    case 'overview':
      return <Overview />;
    case 'stack':
      return <StackPage />;
    case 'profiles':
      return <ProfilesPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'consumers':
      return <ConsumersPage groupId={param} />;
    case 'connect':
      return <ConnectPage param={param} />;
    case 'pipelines':
      return param ? <JobDetailPage key={param} jobId={param} /> : <PipelinesPage />;
    case 'schemas':
      return <SchemasPage subject={param} />;
    case 'sql':
      return (
        <Suspense fallback={<div className="page muted">Loading the SQL page…</div>}>
          <SqlPage />
        </Suspense>
      );
    case 'acls':
      return <AclsPage />;
    case 'users':
      return <UsersPage />;
    case 'brokers':
      return <BrokersPage brokerId={param} />;
    case 'topics':
      return param ? <TopicDetailPage key={param} name={param} /> : <TopicsPage />;
    default:
      return <Overview />;
  }
}

export function App() {
  const { page, param } = useRoute();
  useEffect(() => {
    if (param === null) FIRST_READS[page]?.();
  }, [page, param]);
  useEffect(() => {
    // Every page follows the new cluster at once: what the previous one showed is forgotten and read again.
    const onSwitch = () => void Promise.all([healthCalls.refresh(), forgetClusterData()]).catch(() => undefined);
    // The stores the status bar and notifications need, followed for the app's life (the stack's status without its page's polling).
    const stops = [
      healthStore.watch(),
      stackStore.watch(undefined, { poll: false }),
      followConnection(),
      generatorsStore.watch(),
      followMetrics(),
      alertsStore.watch(),
      profilesStore.watch(),
      onProfileSwitch(onSwitch),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">StreamDesk</div>
        {PAGES.map((name) => (
          <a key={name} href={`#/${name}`} className={name === page ? 'active' : undefined} aria-current={name === page ? 'page' : undefined}>
            {NAV_LABELS[name]}
          </a>
        ))}
      </nav>
      <main>
        <Suspense fallback={<div className="page-empty">Loading…</div>}>
          <PageFor page={page} param={param} />
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}
