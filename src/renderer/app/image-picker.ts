/** The system's file picker, for images: resolves with the files picked (none if it was closed). */
import { IMAGE_TYPES } from '../../shared/image-info';

export function pickImages(): Promise<File[]> {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = IMAGE_TYPES.join(',');
  input.multiple = true;
  return new Promise((resolve) => {
    input.addEventListener('change', () => resolve([...(input.files ?? [])]));
    input.addEventListener('cancel', () => resolve([]));
    input.click();
  });
}
