import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { computeTrace, parseStepKey, stepCount, stepView, toModel, type Scenario } from '../../src/core';
import helloFile from '../../src/core/hello.scenario.json';
import { fillGrids, gridHtml, gridTex } from '../../src/ui/texGrids';
import { katexOptions } from '../../src/ui/texOptions';

const render = (tex: string) => {
  const g = gridTex(tex);
  if (!g) return null;
  const html = katex.renderToString(g.tex, { ...katexOptions(true), output: 'html' });
  const mathml = katex.renderToString(tex, { ...katexOptions(true), output: 'mathml' });
  return fillGrids(html, mathml, g.grids);
};

describe('gridTex (matrices of numbers as grids)', () => {
  it('replaces each matrix of numbers by a rule of its size and keeps its entries as text', () => {
    const g = gridTex(String.raw`h = \htmlData{q=h, term=h@1}{\begin{bmatrix}0.123 & -1.5 \\ 2.3\mathrm{e}{-5} & 0\end{bmatrix}} + x`);
    expect(g?.tex).toMatch(/^h = \\htmlData\{q=h, term=h@1\}\{\\htmlData\{grid=0\}\{\\rule\[-?[\d.]+em\]\{[\d.]+em\}\{[\d.]+em\}\}\} \+ x$/);
    expect(g?.grids).toEqual([{ rows: [['0.123', '−1.5'], ['2.3e−5', '0']] }]);
  });

  it('takes B5’s products entry by entry, parenthesised negative factors included', () => {
    const g = gridTex(String.raw`\begin{bmatrix}0.984 \cdot (-0.203) \\ 0.800 \cdot 0.060\end{bmatrix}`);
    expect(g?.grids[0].rows).toEqual([[['0.984', '(−0.203)']], [['0.800', '0.060']]]);
    expect(gridHtml(g!.grids[0])).toContain('<span>0.984<span class="tex-grid-dot">⋅</span>(−0.203)</span>');
  });

  it('leaves to KaTeX a matrix with anything but numbers, or ragged rows', () => {
    expect(gridTex(String.raw`\begin{bmatrix}a & 1 \\ 2 & 3\end{bmatrix}`)).toBeNull();
    expect(gridTex(String.raw`\begin{bmatrix}1 & 2 \\ 3\end{bmatrix}`)).toBeNull();
    expect(gridTex(String.raw`\begin{bmatrix}\frac{1}{2}\end{bmatrix} + \begin{bmatrix}1 \\ 2\end{bmatrix}`)?.grids).toEqual([{ rows: [['1'], ['2']] }]);
    expect(gridTex(String.raw`a + b`)).toBeNull();
  });

  it('sizes the rule from the entries: wider columns for longer numbers, a row more for each row', () => {
    const size = (tex: string) => /\\rule\[-([\d.]+)em\]\{([\d.]+)em\}\{([\d.]+)em\}/.exec(gridTex(tex)!.tex)!.slice(1).map(Number);
    const [d1, w1, h1] = size(String.raw`\begin{bmatrix}0.1 \\ 0.2\end{bmatrix}`);
    const [d2, w2, h2] = size(String.raw`\begin{bmatrix}-0.100 \\ 0.2 \\ 0.3\end{bmatrix}`);
    expect(w2).toBeGreaterThan(w1);
    expect(h2 - h1).toBeCloseTo(1.2, 6);
    // Centred on the math axis (0.25 em above the baseline).
    expect(h1 / 2 - d1).toBeCloseTo(0.25, 6);
    expect(h2 / 2 - d2).toBeCloseTo(0.25, 6);
  });
});

describe('fillGrids (KaTeX’s layout, the grids inside it)', () => {
  it('fills every rule of every numeric row of hello with its grid, and keeps the MathML of the real matrices', () => {
    const scenario = helloFile as unknown as Scenario;
    const model = toModel(scenario);
    const trace = computeTrace(model);
    let rows = 0;
    for (let i = 0; i < stepCount(trace.T); i++) {
      for (const f of stepView({ model, trace, scenario }, i).formulas) {
        for (const tex of [f.numeric, ...(f.extra ?? []).map((e) => e.tex)]) {
          if (!tex?.includes('bmatrix')) continue;
          const html = render(tex);
          expect(html, `${f.id} at step ${i}`).not.toBeNull();
          const grids = tex.match(/\\begin\{bmatrix\}/g)!.length;
          expect(html!.match(/class="tex-grid"/g)).toHaveLength(grids);
          expect(html!.match(/<mo fence="true">\[<\/mo><mtable/g)).toHaveLength(grids);
          expect(html).not.toContain('katex-rule'); // no rule left
          expect(html).toContain('<span class="katex-mathml"><math');
          // The grids read the very numbers the TeX has, in its order.
          const texNumbers = [...tex.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g)].flatMap((m) => m[1].match(/-?\d+(?:\.\d+)?(?:\\mathrm\{e\}\{-?\d+\})?/g)!);
          const gridText = [...html!.matchAll(/<span class="tex-grid"[^>]*>(.*?)<\/span><\/span>(?=<\/span>)/g)].map((m) => m[1].replace(/<[^>]+>/g, ' '));
          const gridNumbers = gridText.join(' ').match(/[−\d.e]+/g)!.map((x) => x.replace(/e(−?\d+)$/, '\\mathrm{e}{$1}').replace(/−/g, '-'));
          expect(gridNumbers).toEqual(texNumbers.map((x) => x.replace(/^\((.*)\)$/, '$1')));
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(40);
  });

  it('keeps the links of the wrapped matrix (data-term, data-q) around its grid', () => {
    const step = parseStepKey(4, 'F2@1')!;
    const scenario = helloFile as unknown as Scenario;
    const model = toModel(scenario);
    const html = render(stepView({ model, trace: computeTrace(model), scenario }, step).formulas[0].numeric!)!;
    expect(html).toMatch(/data-q="h" data-term="h@1"><span class="enclosing" data-grid="\d+"><span class="mord tex-grid-slot"[^>]*><span class="tex-grid"/);
  });

  it('gives up (null) when KaTeX’s markup is not what it expects, so the TeX is rendered as it is', () => {
    const g = gridTex(String.raw`\begin{bmatrix}1\end{bmatrix}`)!;
    expect(fillGrids('<span class="katex-display"><span class="katex"><span class="katex-html">x</span></span></span>', '<math></math>', g.grids)).toBeNull();
  });
});
