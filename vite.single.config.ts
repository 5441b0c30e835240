import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import baseConfig from './vite.config.ts';

/** The one file `npm run build:single` writes into dist-single/. */
const SINGLE_FILE = 'bptt.html';

const MIME: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.webp': 'image/webp' };

/**
 * A `</script` inside the JS would end the inline script early: `<\/script`
 * reads the same to JavaScript in a string, a template and a regex (even a
 * `u` one), the only places a bundle has it. `<!--` cannot be escaped that
 * safely (`\!` is an error in a `u` regex) and, followed by `<script`, would
 * keep the real end tag from closing the script, so it fails the build.
 */
function escapeInlineScript(js: string): string {
  if (js.includes('<!--')) throw new Error('the bundle holds "<!--", which an inline script cannot carry safely');
  // A lazy chunk (the export code) is inlined with the rest: its preload marker, left by the inlining, preloads nothing.
  return js.replace(/__VITE_PRELOAD__/g, 'void 0').replace(/<\/(script)/gi, '<\\/$1');
}

/** A `</style` inside the CSS would end the inline style; `\/` is a plain `/` to CSS. */
function escapeInlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * Folds the emitted chunk, its stylesheet and every file the page links (the
 * favicon from public/) into index.html, renamed to bptt.html, and drops the
 * rest: the output is one file that opens from file:// with no network. A
 * relative reference it cannot resolve fails the build instead of shipping a
 * page that reaches for a missing file.
 */
function inlineIntoHtml(): Plugin {
  let publicDir = '';
  return {
    name: 'inline-into-html',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (!html || html.type !== 'asset') return this.error('no index.html in the bundle');
      const fileOf = (ref: string): string => ref.replace(/^\.\//, '');
      const inlined = new Set<string>(['index.html']);
      const chunkOf = (ref: string) => {
        const chunk = bundle[fileOf(ref)];
        if (!chunk || chunk.type !== 'chunk') return this.error(`script ${ref} is not a chunk of this build`);
        inlined.add(chunk.fileName);
        return chunk;
      };
      const cssOf = (ref: string) => {
        const asset = bundle[fileOf(ref)];
        if (!asset || asset.type !== 'asset') return this.error(`stylesheet ${ref} is not an asset of this build`);
        inlined.add(asset.fileName);
        return String(asset.source);
      };
      const dataUrlOf = (ref: string): string => {
        const ext = /\.[a-z0-9]+$/i.exec(ref)?.[0].toLowerCase() ?? '';
        const mime = MIME[ext];
        if (!mime) return this.error(`no MIME type known for ${ref}`);
        const asset = bundle[fileOf(ref)];
        if (asset) inlined.add(asset.fileName);
        const bytes = asset && asset.type === 'asset' ? Buffer.from(asset.source) : readFileSync(join(publicDir, fileOf(ref)));
        return `data:${mime};base64,${bytes.toString('base64')}`;
      };
      // Replacement functions, not strings: the code holds `$&`-like sequences String.replace would expand.
      let page = String(html.source)
        .replace(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g, (_tag, src: string) => `<script type="module">${escapeInlineScript(chunkOf(src).code)}</script>`)
        .replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (_tag, href: string) => `<style>${escapeInlineStyle(cssOf(href))}</style>`)
        .replace(/<link rel="icon"([^>]*)\shref="([^"]+)"/g, (_tag, attrs: string, href: string) => `<link rel="icon"${attrs} href="${dataUrlOf(href)}"`);
      // The one inline script is allowed by its hash, in place of 'self' (the file has no origin of its own).
      const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
      const hash = createHash('sha256').update(inline).digest('base64');
      // (The attribute's quotes are written as &#39; by Vite.)
      const withPolicy = page.replace(/script-src (?:'|&#39;)self(?:'|&#39;)/, `script-src &#39;sha256-${hash}&#39;`);
      if (withPolicy === page) return this.error('no Content-Security-Policy to allow the inline script in');
      page = withPolicy;
      // Any address left in the markup (outside the inlined code) would need a file or the network.
      const markup = page.replace(/<script type="module">[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
      const left = /\s(?:src|href)="(?!data:)([^"]*)"/.exec(markup);
      if (left) return this.error(`${left[1]} is still referenced by the page`);
      // A second chunk or an asset left as a file (a font the CSS points to) would be missing next to the page.
      const stray = Object.keys(bundle).filter((name) => !inlined.has(name));
      if (stray.length > 0) return this.error(`not inlined into the page: ${stray.join(', ')}`);
      for (const name of Object.keys(bundle)) delete bundle[name];
      this.emitFile({ type: 'asset', fileName: SINGLE_FILE, source: page });
    },
  };
}

export default mergeConfig(baseConfig, {
  plugins: [inlineIntoHtml()],
  build: {
    outDir: 'dist-single',
    emptyOutDir: true,
    // Every asset (KaTeX's woff2 fonts) becomes a data: URL in the CSS.
    assetsInlineLimit: () => true,
    cssCodeSplit: false,
    copyPublicDir: false,
    // One chunk: nothing is preloaded, so the preload polyfill is dead weight.
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
