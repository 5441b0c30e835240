/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * KaTeX's CSS lists woff2, woff and ttf for every font; every browser we target
 * reads woff2, so the others are dropped from the CSS (and so from the build).
 */
function katexWoff2Only(): Plugin {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/katex(\.min)?\.css$/.test(id.split('?')[0])) return null;
      return code.replace(/,\s*url\([^)]*\.woff\)\s*format\("woff"\)/g, '').replace(/,\s*url\([^)]*\.ttf\)\s*format\("truetype"\)/g, '');
    },
  };
}

export default defineConfig({
  // Relative asset paths: the built app works from any subpath of any static host.
  base: './',
  plugins: [react(), katexWoff2Only()],
  build: {
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
  },
});
