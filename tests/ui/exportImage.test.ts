import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { computeTrace, stepCount, stepView, toModel, type Scenario } from '../../src/core';
import helloFile from '../../src/core/hello.scenario.json';
import { exportFileName, formulaLatex, formulaRows, pngSize, scenarioSlug, splitAlpha, unwrapHtml } from '../../src/ui/exportImage';
import { katexOptions } from '../../src/ui/texOptions';

describe('unwrapHtml (the app’s \\htmlData links removed from its TeX)', () => {
  it('keeps the body of a wrapper and drops its attributes', () => {
    expect(unwrapHtml('\\htmlData{q=h, term=h@2}{h^{(2)}} = \\tanh a')).toBe('h^{(2)} = \\tanh a');
    expect(unwrapHtml('\\htmlData{q=gradH, term=gradH@2}{\\nabla_{h^{(2)}} L}')).toBe('\\nabla_{h^{(2)}} L');
  });

  it('unwraps nested wrappers and the other html commands, spaces between the groups allowed', () => {
    expect(unwrapHtml('\\htmlData{q=a}{\\htmlClass{x}{b} + \\htmlId{i} {c}} - \\htmlStyle{color:red}{d}')).toBe('b + c - d');
  });

  it('counts braces with escapes and groups inside the body', () => {
    expect(unwrapHtml('\\htmlData{q=x}{\\{a\\} + {b}}')).toBe('\\{a\\} + {b}');
    expect(unwrapHtml('\\htmlData{q=x}{\\frac{1}{2}}')).toBe('\\frac{1}{2}');
  });

  it('keeps a brace group where dropping it changes the TeX', () => {
    // A superscript after the body: {h^{(1)}}^\top, not the double superscript h^{(1)}^\top.
    expect(unwrapHtml('\\htmlData{q=h, term=h@1}{h^{(1)}}^\\top')).toBe('{h^{(1)}}^\\top');
    expect(unwrapHtml('e^\\htmlData{q=o}{o_j}')).toBe('e^{o_j}');
    expect(unwrapHtml('\\hat\\htmlData{q=y}{y}')).toBe('\\hat{y}');
    expect(unwrapHtml("\\htmlData{q=y}{y}'")).toBe("{y}'");
  });

  it('leaves everything else alone: other commands, control symbols, malformed wrappers', () => {
    expect(unwrapHtml('a \\\\ \\htmlDataX{b} \\, c')).toBe('a \\\\ \\htmlDataX{b} \\, c');
    expect(unwrapHtml('\\\\htmlData{q}{x}')).toBe('\\\\htmlData{q}{x}');
    expect(unwrapHtml('\\htmlData{q=x, term=x@1')).toBe('\\htmlData{q=x, term=x@1');
    expect(unwrapHtml('\\htmlData{q=x}')).toBe('\\htmlData{q=x}');
    expect(unwrapHtml('')).toBe('');
  });

  const hello = helloFile as unknown as Scenario;
  const ctx = { model: toModel(hello), trace: computeTrace(toModel(hello)), scenario: hello };
  const html = (tex: string, trust: boolean) =>
    katex
      .renderToString(tex, { ...katexOptions(true), output: 'html', throwOnError: true, trust })
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ');

  it("draws every row of every step of hello as the app draws it, without KaTeX's html extensions", () => {
    const total = stepCount(ctx.trace.T);
    let rows = 0;
    for (let i = 0; i < total; i++) {
      const view = stepView(ctx, i);
      for (const f of view.formulas)
        for (const r of formulaRows(f, false)) {
          const plain = unwrapHtml(r.tex);
          expect(plain).not.toMatch(/\\html/);
          // Untrusted: any \html command left would be refused. The same glyphs come out, in the same order.
          expect(html(plain, false)).toBe(html(r.tex, true));
          rows++;
        }
    }
    expect(rows).toBeGreaterThan(3 * total);
  });

  it("writes the step's formulas as LaTeX displays, B3 at t = 2 with its two paths", () => {
    const T = ctx.trace.T;
    let view = stepView(ctx, 0);
    for (let i = 0; view.key !== 'B3@2' && i < stepCount(T); i++) view = stepView(ctx, i);
    expect(view.key).toBe('B3@2');
    const tex = formulaLatex(view, 'hello');
    expect(tex).toContain('\\nabla_{h^{(2)}} L');
    expect(tex).not.toMatch(/html/);
    expect(tex.startsWith('% needs \\usepackage{amsmath}\n% hello, step B3@2\n% B3: ')).toBe(true);
    const displays = tex.split('\n').filter((l) => l.startsWith('\\['));
    expect(displays.length).toBe(formulaRows(view.formulas[0], view.compact).length);
    for (const d of displays) expect(d.endsWith(' \\]')).toBe(true);
  });
});

describe('export file names', () => {
  it('names a preset by its id and the step by its key', () => {
    const s = scenarioSlug({ kind: 'preset', id: 'hello' }, 'hello (the classic)');
    expect(s).toBe('hello');
    expect(exportFileName(s, 'B3@2', 'diagram', 'svg')).toBe('hello-B3@2.svg');
    expect(exportFileName(s, 'B3@2', 'diagram', 'png')).toBe('hello-B3@2.png');
    expect(exportFileName(s, 'B3@2', 'formula', 'svg')).toBe('hello-B3@2-formula.svg');
    expect(exportFileName(s, 'END', 'formula', 'png')).toBe('hello-END-formula.png');
  });

  it('names other scenarios by their slugged title, as the scenario files are', () => {
    expect(scenarioSlug({ kind: 'file', name: 'x.json' }, 'My lesson: week 3 / RNNs')).toBe('My-lesson-week-3-RNNs');
    expect(scenarioSlug({ kind: 'generated', opts: { text: 'ab', hidden: 2, scale: 1, seed: 1 } }, undefined)).toBe('scenario');
    expect(exportFileName('x', 'G4@12', 'formula', 'svg')).toBe('x-G4@12-formula.svg');
    expect(exportFileName('x', 'a/b c', 'diagram', 'svg')).toBe('x-a-b-c.svg');
  });
});

describe('pngSize and splitAlpha', () => {
  it("reads a PNG's IHDR size and refuses other bytes", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 5, 0, 0, 0, 1, 44]);
    expect(pngSize(bytes)).toEqual({ width: 1280, height: 300 });
    expect(pngSize(bytes.slice(0, 20))).toBeNull();
    const gif = bytes.slice();
    gif[1] = 0x47;
    expect(pngSize(gif)).toBeNull();
  });

  it('splits rgba() into rgb() and an alpha, and leaves other colours whole', () => {
    expect(splitAlpha('rgba(29, 78, 216, 0.07)')).toEqual({ rgb: 'rgb(29, 78, 216)', alpha: 0.07 });
    expect(splitAlpha('rgba(0, 0, 0, 0)')).toEqual({ rgb: 'rgb(0, 0, 0)', alpha: 0 });
    expect(splitAlpha('rgb(1, 2, 3)')).toEqual({ rgb: 'rgb(1, 2, 3)', alpha: 1 });
    expect(splitAlpha('none')).toEqual({ rgb: 'none', alpha: 1 });
  });
});
