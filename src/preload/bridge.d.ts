import type { LanvasBridge } from '../shared/ipc-contract';

declare global {
  interface Window {
    /** Present in the desktop app (the preload bridge); absent in a plain browser. */
    lanvas?: LanvasBridge;
  }
}
export {};
