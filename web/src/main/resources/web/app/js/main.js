// The app: the navigation, the page for the current address, and what follows the session.
import { render } from 'preact';
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import { hasSession, onSignedOut, resume } from './api.js';
import { Link, match, navigate, useLocation } from './router.js';
import { isAdmin, useUser } from './session.js';
import { Account, ResendVerification, signOut } from './pages/account.js';
import { YourData } from './pages/data.js';
import { Admin } from './pages/admin.js';
import { CollectionList, CollectionPage, SharedCollection } from './pages/collections.js';
import { Register, SignIn, VerifyEmail, VerifyLink } from './pages/auth.js';
import { Handbook } from './pages/handbook.js';
import { NewPrompt, PromptList, PromptPage } from './pages/prompts.js';
import { Explore, SharedPrompt } from './pages/public.js';
import { Leaderboard } from './ratings.js';

/** Pages that need an account send a signed-out visitor to sign in first, and back afterwards. */
function SignedInOnly({ children }) {
  const user = useUser();
  useEffect(() => {
    if (!user && !hasSession()) {
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  }, [user]);
  return user ? children : null;
}

function Home() {
  const user = useUser();
  useEffect(() => {
    if (user) {
      navigate('/prompts', { replace: true });
    }
  }, [user]);
  return html`<main class="container">
    <hgroup>
      <h1>prompt-tracker</h1>
      <p>Save the prompts you send to language models, keep the answers of each model, and compare them side by side.</p>
    </hgroup>
    <p class="actions">
      <${Link} href="/register" class="button-link">Create account</${Link}>
      <${Link} href="/signin" class="button-link secondary">Sign in</${Link}>
    </p>
    <p>Or <${Link} href="/explore">explore the prompts people shared</${Link}>, or read the <${Link} href="/handbook">handbook</${Link}>.</p>
  </main>`;
}

function NotFound() {
  return html`<main class="container"><h1>Page not found</h1>
    <p><${Link} href="/">Go to the start page</${Link}></p></main>`;
}

const ROUTES = [
  ['/', () => html`<${Home} />`],
  ['/signin', (params, query) => html`<${SignIn} query=${query} />`],
  ['/register', () => html`<${Register} />`],
  ['/auth/verify', () => html`<${VerifyLink} />`],
  ['/auth/verify-email', () => html`<${VerifyEmail} />`],
  ['/prompts', () => html`<${SignedInOnly}><${PromptList} /></${SignedInOnly}>`],
  ['/prompts/new', () => html`<${SignedInOnly}><${NewPrompt} /></${SignedInOnly}>`],
  ['/prompts/:id', (params) => html`<${SignedInOnly}><${PromptPage} id=${params.id} /></${SignedInOnly}>`],
  ['/p/:id', (params) => html`<${SharedPrompt} id=${params.id} />`],
  ['/collections', () => html`<${SignedInOnly}><${CollectionList} /></${SignedInOnly}>`],
  ['/collections/:id', (params) => html`<${SignedInOnly}><${CollectionPage} id=${params.id} /></${SignedInOnly}>`],
  ['/c/:id', (params) => html`<${SharedCollection} id=${params.id} />`],
  ['/explore', () => html`<${Explore} />`],
  ['/handbook', () => html`<${Handbook} />`],
  ['/leaderboard', (params, query) => html`<${Leaderboard} query=${query} />`],
  ['/account', () => html`<${SignedInOnly}><${Account} /></${SignedInOnly}>`],
  ['/account/data', () => html`<${SignedInOnly}><${YourData} /></${SignedInOnly}>`],
  ['/admin', () => html`<${SignedInOnly}><${Admin} /></${SignedInOnly}>`],
];

function Navigation({ path }) {
  const user = useUser();
  const link = (href, label) => html`<li><${Link} href=${href}
    aria-current=${path === href || path.startsWith(`${href}/`) ? 'page' : undefined}>${label}</${Link}></li>`;
  return html`<nav class="container site" aria-label="Main">
    <ul><li><${Link} href="/" class="brand"><strong>prompt-tracker</strong></${Link}></li></ul>
    <ul>
      ${user ? link('/prompts', 'My prompts') : null}
      ${user ? link('/collections', 'Collections') : null}
      ${link('/explore', 'Explore')}
      ${link('/leaderboard', 'Leaderboard')}
      ${link('/handbook', 'Handbook')}
      ${isAdmin(user) ? link('/admin', 'Admin') : null}
      ${user ? link('/account', 'Account') : null}
      ${user ? html`<li><button type="button" class="secondary outline" onClick=${signOut}>Sign out</button></li>`
        : html`${link('/signin', 'Sign in')}${link('/register', 'Create account')}`}
    </ul>
  </nav>`;
}

function UnconfirmedNotice() {
  const user = useUser();
  if (!user || user.emailVerified) {
    return null;
  }
  return html`<div class="container notice" role="status">
    Please confirm your email address: we sent a link to ${user.email}. Until then the handbook stays closed.
    <${ResendVerification} />
  </div>`;
}

function App() {
  const { path, query } = useLocation();
  const page = useRef(null);
  const firstPath = useRef(path);
  useEffect(() => onSignedOut(() => {
    // A session that ended while working in it sends the person to sign in again; public pages stay.
    if (['/prompts', '/collections', '/account', '/admin'].some((prefix) => location.pathname.startsWith(prefix))) {
      navigate(`/signin?expired=1&next=${encodeURIComponent(location.pathname)}`, { replace: true });
    }
  }), []);
  useEffect(() => {
    // After a navigation in the app, move focus to the new page's heading, as a full page load would.
    if (path === firstPath.current) {
      return;
    }
    firstPath.current = null;
    const heading = page.current && page.current.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }, [path]);
  const content = match(ROUTES.map(([pattern, view]) => [pattern, (params) => view(params, query)]), path);
  return html`
    <a href="#content" class="skip">Skip to the content</a>
    <${Navigation} path=${path} />
    <${UnconfirmedNotice} />
    <div id="content" ref=${page}>${content || html`<${NotFound} />`}</div>`;
}

resume();
const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
