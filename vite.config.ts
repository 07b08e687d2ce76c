import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The clinician app. Local mode (the default) fetches trimmed FHIR definitions from /fhir (npm run app:definitions).
export default defineConfig({
  root: 'app',
  css: { postcss: '.' },
  plugins: [react()],
  build: { outDir: '../dist/app', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
