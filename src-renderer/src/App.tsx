import { lazy, Suspense, useEffect } from 'react';
import { StatusBadge } from './ui/StatusBadge';
import { Overview } from './features/health/Overview';
import { StackPage } from './features/stack/StackPage';
import { TopicDetailPage } from './features/topics/TopicDetailPage';
import { TopicsPage } from './features/topics/TopicsPage';
import { BrokersPage } from './features/brokers/BrokersPage';
import { AclsPage } from './features/acls/AclsPage';
import { UsersPage } from './features/users/UsersPage';
import { generatorsStore } from './features/generator/generator-store';
import { followMetrics } from './features/metrics/metrics-store';
import { AlertsPage } from './features/alerts/AlertsPage';
import { JobDetailPage } from './features/pipelines/JobDetailPage';
import { ConsumersPage } from './features/consumers/ConsumersPage';
import { ConnectPage } from './features/connect/ConnectPage';
import { PipelinesPage } from './features/pipelines/PipelinesPage';
import { alertsStore } from './features/alerts/alerts-store';
import { ProfilesPage } from './features/profiles/ProfilesPage';
import { SchemasPage } from './features/schemas/SchemasPage';
import { onProfileSwitch, profilesStore } from './features/profiles/profiles-store';
import { forgetClusterData } from './store';
import { PAGES, useRoute, type Page } from './router';
import { appInfoStore, followConnection, linkStore } from './features/app/connection-store';
import { healthCalls, healthStore } from './features/health/health-store';
import { stackStore } from './features/stack/stack-store';

// the SQL page (editor, highlighter, result table) is loaded when first opened, not with the first page
const SqlPage = lazy(() => import('./features/sql/SqlPage'));

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
        <PageFor page={page} param={param} />
      </main>
      <StatusBar />
    </div>
  );
}
