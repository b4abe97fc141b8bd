/**
 * A QR code of a link, drawn here on a canvas from the encoder's module grid (nothing is fetched or sent
 * anywhere): phones on the LAN open the board's browser link by pointing a camera at the screen.
 */
import { encode } from 'uqr';

/** A canvas `scale` pixels a module, dark on white, with the quiet border readers need. */
export function qrCanvas(text: string, scale = 4): HTMLCanvasElement {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  data.forEach((row, y) => row.forEach((dark, x) => dark && ctx.fillRect(x * scale, y * scale, scale, scale)));
  return canvas;
}
