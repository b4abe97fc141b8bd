/**
 * Editing words in place: a textarea laid over the canvas where the text will stand, committed on
 * blur, Escape or Ctrl/Cmd+Enter. The canvas keeps showing everything else meanwhile.
 */
import { worldToScreen, type Camera } from './camera';
import { fontFamily } from '../shapes/text-layout';
import type { Font } from '../board/shape';

export interface TextEditRequest {
  /** World position and size of the text area. */
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
  align: 'left' | 'center';
  fontSize: number;
  font: Font;
  color: string;
  background: string;
  text: string;
  commit(text: string): void;
}

export class TextEditor {
  private area: HTMLTextAreaElement | null = null;

  constructor(private readonly host: HTMLElement) {}

  get open(): boolean {
    return this.area !== null;
  }

  edit(req: TextEditRequest, camera: Camera): void {
    this.close();
    const area = document.createElement('textarea');
    area.className = 'text-editor';
    area.dataset.testid = 'text-editor';
    area.value = req.text;
    area.spellcheck = false;
    const [sx, sy] = worldToScreen(camera, req.x, req.y);
    Object.assign(area.style, {
      left: `${sx}px`,
      top: `${sy}px`,
      width: `${req.width * camera.zoom}px`,
      height: `${req.height * camera.zoom}px`,
      fontSize: `${req.fontSize * camera.zoom}px`,
      fontFamily: fontFamily(req.font),
      color: req.color,
      background: req.background,
      transform: `rotate(${req.rotation}deg)`,
      textAlign: req.align,
    });
    let done = false;
    const finish = (keep: boolean) => {
      if (done) return;
      done = true;
      const text = area.value;
      this.area = null;
      area.remove();
      if (keep) req.commit(text);
    };
    area.addEventListener('blur', () => finish(true));
    area.addEventListener('keydown', (event) => {
      event.stopPropagation(); // board shortcuts do not apply while typing
      if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        finish(true);
      }
    });
    area.addEventListener('input', () => {
      area.style.height = 'auto';
      area.style.height = `${Math.max(req.height * camera.zoom, area.scrollHeight)}px`;
    });
    this.host.append(area);
    this.area = area;
    area.focus();
  }

  close(): void {
    this.area?.blur();
  }
}
