/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built as ONE classic script (IIFE) + one stylesheet with stable names, so another site can embed the widget with a
// plain <script src=".../app/appointease.js"> and a <div data-appointease data-api-base="...">. The demo host page
// (public/index.html) is copied next to them and served at "/" by the WebApi.
export default defineConfig(({ command }) => ({
  plugins: [react()],
  base: '/app/',
  // Library mode leaves process.env.NODE_ENV in React's code; a browser has no `process`. Tests keep React's dev build.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    outDir: '../wwwroot/app',
    emptyOutDir: true,
    target: 'es2020',
    cssCodeSplit: false,
    lib: {
      entry: 'src/embed.tsx',
      name: 'AppointEase',
      formats: ['iife'],
      fileName: () => 'appointease.js',
      cssFileName: 'appointease',
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:5000', '/openapi': 'http://localhost:5000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
}));
