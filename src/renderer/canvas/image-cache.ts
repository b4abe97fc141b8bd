/**
 * The board's images decoded for drawing: one <img> per image the board holds, made from its bytes on
 * first use (a blob URL: nothing is fetched from anywhere), so ten shapes showing one image decode it
 * once. Decoding takes a moment: until it is done the shape draws a placeholder, then `onLoad` says so.
 */
import type { ImageAsset } from '../board/image-assets';

export class ImageCache {
  private readonly elements = new Map<string, { img: HTMLImageElement; url: string }>();

  constructor(
    private readonly images: ReadonlyMap<string, ImageAsset>,
    private readonly onLoad: (hash: string) => void,
  ) {}

  /** The decoded image, or null while it decodes (or if its bytes cannot be decoded). */
  get(hash: string): HTMLImageElement | null {
    let entry = this.elements.get(hash);
    if (entry === undefined) {
      const asset = this.images.get(hash);
      if (asset === undefined) return null;
      const img = new Image();
      const url = URL.createObjectURL(new Blob([asset.bytes as Uint8Array<ArrayBuffer>], { type: asset.type }));
      img.onload = () => this.onLoad(hash);
      img.src = url;
      this.elements.set(hash, (entry = { img, url }));
    }
    return entry.img.complete && entry.img.naturalWidth > 0 ? entry.img : null;
  }

  destroy(): void {
    for (const { url } of this.elements.values()) URL.revokeObjectURL(url);
    this.elements.clear();
  }
}
