import type { ComponentChildren } from 'preact';
import { chooseLanguage, currentUser, hasRole, signOut } from '../api';
import { language, t } from '../i18n';
import { location, navigate } from '../router';
import { useSignal } from '../state';
import { Link } from './Link';

export function LanguageSwitch() {
  const lang = useSignal(language);
  return (
    <button type="button" class="lang-switch" data-testid="language-switch" aria-label={t('languageSwitchLabel')} lang={lang === 'mn' ? 'en' : 'mn'} onClick={() => void chooseLanguage(lang === 'mn' ? 'en' : 'mn')}>
      {t('languageSwitch')}
    </button>
  );
}

/** The frame of every signed-in page: skip link, header with navigation, language switch and the person, main. */
export function Layout(props: { children: ComponentChildren }) {
  useSignal(language);
  const me = useSignal(currentUser);
  const { path } = useSignal(location);
  const nav: Array<[string, string, boolean]> = [
    ['/', t('navOverview'), true],
    ['/proposals', t('navProposals'), true],
    ['/tasks', t('navMyTasks'), true],
    ['/register', t('navRegister'), true],
    ['/proposals/new', t('navNew'), hasRole('officer', 'division_head', 'admin')],
    ['/trips/new', t('navNewTrip'), hasRole('officer', 'division_head', 'admin')],
    ['/admin', t('navAdmin'), hasRole('admin')],
  ];
  const current = (to: string) => (to === '/' ? path === '/' : to === '/proposals' ? path === '/proposals' || (/^\/proposals\/[0-9a-f-]{36}/.test(path)) : path.startsWith(to));
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <div class="brand">
          <strong>{t('appName')}</strong>
          <span class="muted">{t('tagline')}</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {nav
              .filter(([, , show]) => show)
              .map(([to, label]) => (
                <li>
                  <Link to={to} aria-current={current(to) ? 'page' : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div class="who">
          <LanguageSwitch />
          <span class="person" data-testid="current-user">
            {me ? (language.get() === 'mn' ? me.nameMn : me.nameLatin) : ''}
          </span>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              await signOut();
              navigate('/login');
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
