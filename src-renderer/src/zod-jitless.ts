import { z } from 'zod';

// The CSP forbids eval. zod probes `new Function` when its first object schema is defined (at
// import time), and the browser reports that caught, harmless attempt as a CSP violation — which
// would hide a real one. main.tsx imports this module first, before any schema exists.
z.config({ jitless: true });
