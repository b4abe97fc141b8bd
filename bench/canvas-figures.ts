/** What the canvas page (canvas-page/main.ts) measures, as it hands it to canvas.bench.ts. */
export interface PanFigures {
  median: number;
  p95: number;
  directMedian: number;
  directP95: number;
}

export interface SizeResult {
  n: number;
  /** Frame times of edits on the board at 100 % (boards past 10k only). */
  /** `landing`: the worst frame from letting go of the drag to the view showing it all, `landingFrames` frames later. */
  edits: { remote: number; drag: number; landing: number; landingFrames: number; stroke: number; direct: number } | null;
  /** The view taking in and drawing every shape after a restore, against a plain canvas draw (10k only). */
  redraw: { view: number; plain: number } | null;
  open: { lanvas: number; model: number };
  heap: { lanvas: number; model: number };
  fit: PanFigures;
  actual: PanFigures;
}
