import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentUser, resume } from './api';
import { Layout } from './components/Layout';
import { language, t } from './i18n';
import { DigestAdminPage } from './pages/DigestAdmin';
import { ChangePasswordPage } from './pages/ChangePassword';
import { LoginPage } from './pages/Login';
import { MyTasksPage } from './pages/MyTasks';
import { NewProposalPage } from './pages/NewProposal';
import { NewTripPage } from './pages/NewTrip';
import { OverviewPage } from './pages/Overview';
import { ProposalDetailPage } from './pages/ProposalDetail';
import { ProposalListPage } from './pages/ProposalList';
import { TreatyRegisterPage } from './pages/TreatyRegister';
import { location, match, navigate } from './router';
import { useSignal } from './state';
import './styles.css';

function Page() {
  const { path } = useSignal(location);
  if (path === '/') return <OverviewPage />;
  if (path === '/proposals') return <ProposalListPage />;
  if (path === '/proposals/new') return <NewProposalPage />;
  if (path === '/trips/new') return <NewTripPage />;
  if (path === '/tasks') return <MyTasksPage />;
  if (path === '/register') return <TreatyRegisterPage />;
  if (path === '/admin') return <DigestAdminPage />;
  // A trip is a proposal of kind 'trip': /trips/:id shows the same detail page.
  const detail = match('/proposals/:id', path) ?? match('/trips/:id', path);
  if (detail) return <ProposalDetailPage id={detail.id} />;
  return <p role="alert">{t('notFound')}</p>;
}

/** Signs in again from the refresh cookie on load; pages need a person, the sign-in page does not. */
function App() {
  useSignal(language);
  const me = useSignal(currentUser);
  const { path } = useSignal(location);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void resume().finally(() => setReady(true));
  }, []);
  useEffect(() => {
    document.documentElement.lang = language.get();
    document.title = `${t('appName')} · ${t('tagline')}`;
  });
  useEffect(() => {
    if (!ready) return;
    if (!me && path !== '/login') navigate(`/login?next=${encodeURIComponent(window.location.pathname.replace(/^\/app/, '') + window.location.search)}`, { replace: true });
    if (me && path === '/login') navigate('/', { replace: true });
  }, [ready, me, path]);

  if (!ready) return <p class="muted boot">{t('loading')}</p>;
  if (path === '/login' || !me) return <LoginPage />;
  if (me.mustChangePassword) return <ChangePasswordPage />;
  return (
    <Layout>
      <Page />
    </Layout>
  );
}

render(<App />, document.getElementById('root')!);
