import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A scan reads API pages of thousands of incidents, one after another. Each page is garbage as
// soon as it has been aggregated, but V8 grows the heap rather than collect it, so peak memory
// would grow with the number of pages. A full collection between large pages keeps the peak at
// about one page, whatever the number of incidents scanned.

let gc: (() => void) | null | undefined;

export function releasePageMemory(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
