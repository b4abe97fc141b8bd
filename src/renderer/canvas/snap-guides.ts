/** The guides a snapped move shows, in the overlay: thin lines along what the selection lined up with. */
import { Konva, Line } from './konva';
import type { Guide } from './snap';

const GUIDE_COLOR = '#e8590c';

export class SnapGuides {
  readonly group = new Konva.Group({ listening: false });

  show(guides: readonly Guide[], zoom: number): void {
    this.group.destroyChildren();
    for (const g of guides) {
      const points = g.axis === 'x' ? [g.at, g.from, g.at, g.to] : [g.from, g.at, g.to, g.at];
      this.group.add(new Line({ points, stroke: GUIDE_COLOR, strokeWidth: 1 / zoom, dash: [4 / zoom, 3 / zoom], listening: false }));
    }
    this.group.getLayer()?.batchDraw();
  }

  clear(): void {
    if (this.group.hasChildren()) this.show([], 1);
  }
}
