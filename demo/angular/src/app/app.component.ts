import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'mfa-otp-enroll'; // registers <mfa-otp-enroll>
import type { EnrolledDetail, EnrollErrorDetail } from 'mfa-otp-enroll';
import { freshEmail, loadTenant, signIn, type TenantConfig } from '../../../shared/stand-in';

@Component({
  selector: 'app-root',
  // <mfa-otp-enroll> is a custom element, not an Angular component: let the compiler through.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1><code>&lt;mfa-otp-enroll&gt;</code> in Angular</h1>

      <form (submit)="signIn($event)">
        <label for="email">Email</label>
        <input id="email" #emailInput type="email" autocomplete="off" required
               [value]="email()" (input)="email.set(emailInput.value)" />
        <button id="sign-in" type="submit" [disabled]="!tenant() || signingIn()">Sign in</button>
      </form>

      @if (tenant(); as config) {
        @if (mfaToken()) {
          <!-- Properties, not attributes: the token never lands in the DOM. -->
          <mfa-otp-enroll
            [domain]="config.domain"
            [clientId]="config.clientId"
            [mfaToken]="mfaToken()"
            (enrolled)="onEnrolled($event.detail)"
            (enroll-error)="onError($event.detail)"
          ></mfa-otp-enroll>
        }
      }

      <p>Status: <output id="status" aria-live="polite">{{ status() }}</output></p>
    </main>
  `,
  styles: `
    main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; font-family: system-ui, sans-serif; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-block: 1rem; }
    input { flex: 1 1 16rem; font: inherit; padding: 0.4rem; }
    button { font: inherit; padding: 0.4rem 1rem; }
  `,
})
export class AppComponent {
  protected readonly tenant = signal<TenantConfig | null>(null);
  protected readonly email = signal(freshEmail());
  protected readonly signingIn = signal(false);
  protected readonly mfaToken = signal('');
  protected readonly status = signal('');
  protected readonly tokens = signal<EnrolledDetail | null>(null);

  constructor() {
    // Relative to the page (<base href="./">).
    loadTenant().then(
      (tenant) => this.tenant.set(tenant),
      () => this.status.set('error: tenant.json'),
    );
  }

  /** Resource Owner Password grant; Auth0 answers 403 mfa_required with an mfa_token. */
  protected async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const tenant = this.tenant();
    if (!tenant) return;
    this.signingIn.set(true);
    this.status.set('signing in');
    try {
      this.mfaToken.set(await signIn(tenant, this.email())); // a new token makes the element start over
      this.status.set('scan the QR code');
    } catch (error) {
      this.status.set(`error: ${(error as Error).message}`);
    } finally {
      this.signingIn.set(false);
    }
  }

  protected onEnrolled(detail: EnrolledDetail): void {
    this.tokens.set(detail); // { accessToken, idToken?, … }: hand it to your session code, never log it
    this.status.set('enrolled');
  }

  protected onError(detail: EnrollErrorDetail): void {
    this.status.set(`error: ${detail.code}`);
  }
}
