import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, inject, InjectionToken, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { Auth0ClientService, AuthService, MfaRequiredError } from '@auth0/auth0-angular';
import 'mfa-otp-enroll'; // registers <mfa-otp-enroll>
import 'mfa-otp-enroll/verify'; // registers <mfa-otp-verify>
import { filter, take } from 'rxjs';
import { errorCode, pageUrl, summarizeToken, type TokenSummary } from '../../shared/sdk-example';

/** The API whose tokens need MFA. */
export const API_AUDIENCE = new InjectionToken<string>('API audience');

/**
 * `@auth0/auth0-angular`: sign in with AuthService, ask it for the API's token, and when Auth0
 * answers mfa_required, show the element with the SDK's raw client as `auth0`
 * (`inject(Auth0ClientService)`: `AuthService.mfa` answers Observables, the element wants the
 * client's Promises). The element's MFA grant goes through that client, so the token lands in
 * the SDK's cache, and asking AuthService again is answered from there.
 */
@Component({
  selector: 'app-sdk',
  // <mfa-otp-enroll> and <mfa-otp-verify> are custom elements, not Angular components.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1><code>&lt;mfa-otp-enroll&gt;</code> with <code>&#64;auth0/auth0-angular</code></h1>
      <p>
        @if (isAuthenticated() === false) {
          <button id="sign-in" type="button" (click)="signIn()">Sign in</button>
        }
        @if (isAuthenticated()) {
          <button id="sign-out" type="button" (click)="signOut()">Sign out</button>
        }
        @if (user(); as user) {
          <span id="user">Signed in as {{ user.email }}</span>
        }
      </p>

      @if (mfa(); as mfa) {
        <!-- Properties, not attributes: [auth0] is the client, the token never lands in the DOM. -->
        @if (mfa.factor === 'enroll') {
          <mfa-otp-enroll
            [auth0]="client"
            [mfaToken]="mfa.mfaToken"
            (enrolled)="afterMfa()"
            (enroll-error)="onError($event.detail.code)"
          ></mfa-otp-enroll>
        } @else {
          <mfa-otp-verify
            [auth0]="client"
            [mfaToken]="mfa.mfaToken"
            (verified)="afterMfa()"
            (verify-error)="onError($event.detail.code)"
          ></mfa-otp-verify>
        }
      }

      <p>Status: <output id="status" aria-live="polite">{{ status() }}</output></p>
      @if (token(); as token) {
        <dl id="token">
          <dt>Audience</dt>
          <dd id="audience">{{ token.audience }}</dd>
          <dt>Token type</dt>
          <dd id="token-type">{{ token.type }}</dd>
          <dt>Access token</dt>
          <dd id="token-prefix">{{ token.prefix }}</dd>
        </dl>
      }
    </main>
  `,
  styles: `
    main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; font-family: system-ui, sans-serif; }
    button { font: inherit; padding: 0.4rem 1rem; }
  `,
})
export class SdkComponent {
  private readonly auth = inject(AuthService);
  /** The raw Auth0Client, for the element. */
  protected readonly client = inject(Auth0ClientService);
  private readonly audience = inject(API_AUDIENCE);

  /** undefined while the SDK is loading (handling the redirect back, say). */
  protected readonly isAuthenticated = toSignal(this.auth.isAuthenticated$);
  protected readonly user = toSignal(this.auth.user$);
  protected readonly mfa = signal<{ factor: 'enroll' | 'challenge'; mfaToken: string } | null>(null);
  protected readonly token = signal<TokenSummary | null>(null);
  protected readonly status = signal('loading');

  constructor() {
    this.auth.isAuthenticated$.pipe(take(1), takeUntilDestroyed()).subscribe((signedIn) => signedIn || this.status.set('signed out'));
    // Once signed in (AuthService handles the redirect back from the tenant).
    this.auth.isAuthenticated$.pipe(filter(Boolean), take(1), takeUntilDestroyed()).subscribe(() => this.getApiToken());
  }

  protected signIn(): void {
    this.auth.loginWithRedirect().subscribe({ error: (error: unknown) => this.status.set(`error: ${errorCode(error)}`) });
  }

  protected signOut(): void {
    this.auth.logout({ logoutParams: { returnTo: pageUrl() } }).subscribe();
  }

  /** A token for the API: from the cache, by refreshing, or MfaRequiredError → the element. */
  private getApiToken(): void {
    this.status.set('getting a token');
    this.auth.getAccessTokenSilently({ authorizationParams: { audience: this.audience }, detailedResponse: true }).subscribe({
      next: (response) => {
        // (undefined once the session's ceiling is reached: sign in again.)
        if (!response) return this.status.set('error: login_required');
        this.token.set(summarizeToken(response.access_token, response.token_type));
        this.status.set('got a token');
      },
      error: (error: unknown) => {
        if (error instanceof MfaRequiredError) {
          const factor = error.mfa_requirements?.enroll ? 'enroll' : 'challenge';
          this.mfa.set({ factor, mfaToken: error.mfa_token });
          this.status.set(`mfa: ${factor}`);
        } else {
          this.status.set(`error: ${errorCode(error)}`);
        }
      },
    });
  }

  /** After `enrolled` / `verified`: the element is done, and the SDK's cache has the token. */
  protected afterMfa(): void {
    this.mfa.set(null);
    this.getApiToken();
  }

  /** The element stays: it lets the user try again (a mistyped code, say). */
  protected onError(code: string): void {
    this.status.set(`error: ${code}`);
  }
}
