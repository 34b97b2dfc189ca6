import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { NativeApp } from './NativeApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <NativeApp />
  </StrictMode>,
);
