import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import './styles.css';

// The CSP forbids eval: without this, zod probes `new Function` once, and the browser reports the
// (caught, harmless) attempt as a CSP violation, which would hide a real one.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
