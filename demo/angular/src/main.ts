import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';

// Zoneless: Angular 21's default, no zone.js. Signals tell Angular what to re-render.
bootstrapApplication(AppComponent).catch((error: unknown) => reportError(error));
