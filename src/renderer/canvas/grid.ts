/**
 * The optional grid, under the shapes: lines every `size` world units across the visible board (every
 * fifth, or twenty-fifth, when zoomed out so far that they would crowd). Drawn by one Konva shape at the
 * bottom of the content layer that reads the camera when it draws, so panning costs no nodes (and no
 * canvas of its own: a screen-sized canvas is costly to make). Never exported: it is not part of the board.
 */
import type { Camera } from './camera';
import { visibleBox } from './camera';
import { Konva } from './konva';

/** World units between grid lines, when the grid is on. */
export const GRID_SIZE = 20;
/** Lines closer than this on screen are thinned out. */
const MIN_SPACING_PX = 8;
const GRID_COLOR = '#dee2e6';

export class Grid {
  readonly shape: InstanceType<typeof Konva.Shape>;
  private size = 0;

  constructor(view: () => { camera: Camera; width: number; height: number }) {
    this.shape = new Konva.Shape({
      listening: false,
      visible: false,
      sceneFunc: (ctx) => {
        const { camera, width, height } = view();
        let step = this.size;
        while (step * camera.zoom < MIN_SPACING_PX) step *= 5;
        const box = visibleBox(camera, width, height);
        ctx.beginPath();
        for (let x = Math.floor(box.minX / step) * step; x <= box.maxX; x += step) {
          ctx.moveTo(x, box.minY);
          ctx.lineTo(x, box.maxY);
        }
        for (let y = Math.floor(box.minY / step) * step; y <= box.maxY; y += step) {
          ctx.moveTo(box.minX, y);
          ctx.lineTo(box.maxX, y);
        }
        ctx.setAttr('strokeStyle', GRID_COLOR);
        ctx.setAttr('lineWidth', 1 / camera.zoom);
        ctx.stroke();
      },
    });
  }

  /** The grid's spacing in world units (0: no grid). */
  get spacing(): number {
    return this.size;
  }

  set spacing(size: number) {
    this.size = size;
    this.shape.visible(size > 0);
    this.shape.getLayer()?.batchDraw();
  }
}
