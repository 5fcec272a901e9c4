import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is built into dist/web, which the service serves at /. `npm run dev:web` serves
// it with hot reload on :5173 and sends API calls to the service running on API_URL (default :3000).
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The size budget (250 KB compressed for the first page) is checked by test/dashboard/budget.test.ts.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/health': api },
  },
});
