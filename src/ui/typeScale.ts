import { useSyncExternalStore } from 'react';
import { useApp } from '../store/store';

/** The layout the app is designed at; larger windows scale type and diagram up with them. */
const BASE = { w: 1280, h: 720 };
/** Presenter mode's type steps up from there: two steps of a 1.2 type scale, for the back of a hall. */
export const PRESENTER_SCALE = 1.44;
/** In presenter mode no number or formula is drawn smaller than this, px. */
export const PRESENTER_MIN_FONT = 18;

function windowScale(): number {
  if (typeof window === 'undefined') return 1;
  const s = Math.min(window.innerWidth / BASE.w, window.innerHeight / BASE.h);
  return Math.max(1, Math.min(2, s));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/**
 * The type scale: 1 up to 1280 × 720, growing with a larger window (1.5 at
 * 1920 × 1080, at most 2), times PRESENTER_SCALE in presenter mode. CSS sizes
 * type as calc(N px × var(--ts)), and the diagram's layout takes it too, so
 * the page is laid out anew at the larger size rather than zoomed.
 */
export function useTypeScale(): number {
  const presenter = useApp((s) => s.presenter);
  const w = useSyncExternalStore(subscribe, windowScale, () => 1);
  // Rounded: a resize by a pixel does not lay everything out again.
  return Math.round(w * (presenter ? PRESENTER_SCALE : 1) * 20) / 20;
}
