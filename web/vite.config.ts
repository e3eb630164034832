import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const commonSrc = fileURLToPath(new URL('../common/src/', import.meta.url));
const apiTarget = process.env.PEYVAND_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  resolve: {
    // Mirrors the `#common/*` subpath import of package.json (shared with the server).
    alias: [{ find: /^#common\/(.*)$/, replacement: `${commonSrc}$1` }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
