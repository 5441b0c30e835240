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

/**
 * The Content-Security-Policy of the built app: scripts from its own origin
 * only (plus compiling the engine's WebAssembly), no inline script, no eval,
 * images from itself and data:/blob: (exports), nothing from another origin.
 * Inline style attributes stay allowed: KaTeX positions glyphs with them. Only
 * in the build: the dev server injects inline scripts of its own. The same
 * text is what a host may send as a header (docs/hosting in the README).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  // Relative asset paths: the built app works from any subpath of any static host.
  base: './',
  plugins: [react(), katexWoff2Only(), contentSecurityPolicy()],
  build: {
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
  },
});
