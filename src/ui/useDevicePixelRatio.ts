import { useEffect, useState } from 'react';

/**
 * window.devicePixelRatio, followed: a zoom or a move to another screen changes
 * it, and canvases drawn for the old ratio must be drawn again to stay sharp.
 */
export function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() => window.devicePixelRatio || 1);
  useEffect(() => {
    let mq: MediaQueryList | null = null;
    const watch = () => {
      mq?.removeEventListener('change', onChange);
      // Matches while the ratio is the one read now; its change event says it moved.
      mq = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      mq.addEventListener('change', onChange);
    };
    const onChange = () => {
      setDpr(window.devicePixelRatio || 1);
      watch();
    };
    watch();
    return () => mq?.removeEventListener('change', onChange);
  }, []);
  return dpr;
}
