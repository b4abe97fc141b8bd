/**
 * Pointer, wheel and touch input on the canvas, turned into tool gestures or camera moves.
 *  - mouse, pen (with pressure) and touch all arrive as pointer events;
 *  - space + drag, the middle button, or the hand tool pan; two fingers pinch-zoom and pan;
 *  - the mouse wheel and trackpad pinch (ctrl+wheel) zoom about the pointer; a trackpad scroll pans.
 */
import { panBy, screenToWorld, zoomAt, type Camera } from './camera';
import type { PointerInfo, Tool } from './tools';

export interface InputTarget {
  readonly element: HTMLElement;
  camera(): Camera;
  setCamera(camera: Camera): void;
  tool(): Tool;
  /** The hand tool is on: every drag pans. */
  handTool(): boolean;
  pointerMoved(wx: number, wy: number): void;
  doubleClick(wx: number, wy: number): void;
  /** A right-click (or long press) at a world point; `clientX/Y` place the menu. */
  contextMenu(wx: number, wy: number, clientX: number, clientY: number): void;
  /** True where the canvas handles the press itself (the selection's resize and rotate handles). */
  ownsPointer(sx: number, sy: number): boolean;
}

type Mode = { kind: 'idle' } | { kind: 'tool'; id: number } | { kind: 'pan'; id: number; x: number; y: number } | { kind: 'pinch'; distance: number; cx: number; cy: number };

export class InputController {
  private mode: Mode = { kind: 'idle' };
  private space = false;
  private touches = new Map<number, { x: number; y: number }>();
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly target: InputTarget) {
    const el = target.element;
    el.style.touchAction = 'none';
    this.on(el, 'pointerdown', (e) => this.down(e as PointerEvent));
    this.on(el, 'pointermove', (e) => this.move(e as PointerEvent));
    this.on(el, 'pointerup', (e) => this.up(e as PointerEvent));
    this.on(el, 'pointercancel', (e) => this.cancel(e as PointerEvent));
    this.on(el, 'wheel', (e) => this.wheel(e as WheelEvent), { passive: false });
    this.on(el, 'dblclick', (e) => {
      const [wx, wy] = this.world(e as MouseEvent);
      target.doubleClick(wx, wy);
    });
    this.on(el, 'contextmenu', (e) => {
      e.preventDefault();
      const [wx, wy] = this.world(e as MouseEvent);
      target.contextMenu(wx, wy, (e as MouseEvent).clientX, (e as MouseEvent).clientY);
    });
    this.on(window, 'keydown', (e) => {
      if ((e as KeyboardEvent).code === 'Space' && !isTyping(e)) {
        this.space = true;
        el.style.cursor = 'grab';
        e.preventDefault();
      }
    });
    this.on(window, 'keyup', (e) => {
      if ((e as KeyboardEvent).code === 'Space') {
        this.space = false;
        this.refreshCursor();
      }
    });
    this.refreshCursor();
  }

  refreshCursor(): void {
    this.target.element.style.cursor = this.space || this.target.handTool() ? 'grab' : this.target.tool().cursor;
  }

  private on(el: EventTarget, type: string, fn: (e: Event) => void, options?: AddEventListenerOptions): void {
    el.addEventListener(type, fn, options);
    this.cleanup.push(() => el.removeEventListener(type, fn, options));
  }

  private local(e: MouseEvent): [number, number] {
    const r = this.target.element.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private world(e: MouseEvent): [number, number] {
    const [sx, sy] = this.local(e);
    return screenToWorld(this.target.camera(), sx, sy);
  }

  private info(e: PointerEvent): PointerInfo {
    const [wx, wy] = this.world(e);
    const pressure = e.pointerType === 'pen' ? e.pressure : 0.5;
    return { wx, wy, pressure, pointerType: e.pointerType, shift: e.shiftKey, alt: e.altKey };
  }

  private down(e: PointerEvent): void {
    if (e.pointerType === 'touch') {
      this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.touches.size === 2) {
        // A second finger turns whatever the first began into a pinch.
        if (this.mode.kind === 'tool') this.target.tool().cancel();
        this.mode = this.pinchState();
        return;
      }
    }
    if (this.mode.kind !== 'idle') return;
    if (e.button === 0 && !this.space && this.target.ownsPointer(...this.local(e))) return;
    this.target.element.setPointerCapture(e.pointerId);
    if (e.button === 1 || this.space || this.target.handTool()) {
      this.mode = { kind: 'pan', id: e.pointerId, x: e.clientX, y: e.clientY };
      this.target.element.style.cursor = 'grabbing';
      e.preventDefault();
      return;
    }
    if (e.button !== 0) return;
    this.mode = { kind: 'tool', id: e.pointerId };
    this.target.tool().down(this.info(e));
  }

  private move(e: PointerEvent): void {
    if (e.pointerType === 'touch' && this.touches.has(e.pointerId)) this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const mode = this.mode;
    if (mode.kind === 'pinch') {
      const next = this.pinchState();
      const [sx, sy] = this.local({ clientX: next.cx, clientY: next.cy } as MouseEvent);
      let camera = panBy(this.target.camera(), next.cx - mode.cx, next.cy - mode.cy);
      camera = zoomAt(camera, sx, sy, next.distance / mode.distance);
      this.target.setCamera(camera);
      this.mode = next;
      return;
    }
    if (mode.kind === 'pan' && mode.id === e.pointerId) {
      this.target.setCamera(panBy(this.target.camera(), e.clientX - mode.x, e.clientY - mode.y));
      this.mode = { ...mode, x: e.clientX, y: e.clientY };
      return;
    }
    // Coalesced events keep a fast pen stroke smooth.
    const events = mode.kind === 'tool' && mode.id === e.pointerId && e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length > 0 ? events : [e]) {
      if (mode.kind === 'tool' && mode.id === e.pointerId) this.target.tool().move(this.info(ev));
    }
    const [wx, wy] = this.world(e);
    this.target.pointerMoved(wx, wy);
  }

  private up(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    const mode = this.mode;
    if (mode.kind === 'pinch') {
      if (this.touches.size < 2) this.mode = { kind: 'idle' };
      return;
    }
    if ((mode.kind === 'tool' || mode.kind === 'pan') && mode.id === e.pointerId) {
      if (mode.kind === 'tool') this.target.tool().up(this.info(e));
      this.mode = { kind: 'idle' };
      this.refreshCursor();
    }
  }

  private cancel(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    if (this.mode.kind === 'tool') this.target.tool().cancel();
    this.mode = { kind: 'idle' };
    this.refreshCursor();
  }

  private pinchState(): Extract<Mode, { kind: 'pinch' }> {
    const [a, b] = [...this.touches.values()];
    return { kind: 'pinch', distance: Math.max(1, Math.hypot(a!.x - b!.x, a!.y - b!.y)), cx: (a!.x + b!.x) / 2, cy: (a!.y + b!.y) / 2 };
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const [sx, sy] = this.local(e);
    const camera = this.target.camera();
    // A mouse wheel scrolls in lines or whole notches; a trackpad in small pixel steps, often sideways.
    const mouseWheel = e.deltaMode === 1 || (e.deltaX === 0 && Math.abs(e.deltaY) >= 50 && Number.isInteger(e.deltaY));
    if (e.ctrlKey || e.metaKey || mouseWheel) {
      const step = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      this.target.setCamera(zoomAt(camera, sx, sy, Math.exp(-step * (e.ctrlKey && !mouseWheel ? 0.01 : 0.0015))));
    } else {
      this.target.setCamera(panBy(camera, -e.deltaX, -e.deltaY));
    }
  }

  destroy(): void {
    for (const off of this.cleanup) off();
  }
}

export function isTyping(e: Event): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}
