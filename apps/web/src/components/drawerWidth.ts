import { useEffect, useState } from 'react';

/** Drawer width: full screen on narrow windows (320 px reflow), otherwise `max`. */
export function useDrawerWidth(max = 560): number | string {
  const [w, setW] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setW(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return w < max + 40 ? '100%' : max;
}
