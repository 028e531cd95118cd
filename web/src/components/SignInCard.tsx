import type { ComponentChildren } from 'preact';
import { LanguageSwitch } from './Layout';

/** The frame of the pages shown before the app (sign-in, choosing one's own password): title, why, language, form. */
export function SignInCard(props: { title: string; subtitle: string; children: ComponentChildren }) {
  return (
    <main id="main" class="login">
      <div class="login-card">
        <div class="login-head">
          <div>
            <h1>{props.title}</h1>
            <p class="muted">{props.subtitle}</p>
          </div>
          <LanguageSwitch />
        </div>
        {props.children}
      </div>
    </main>
  );
}
