/**
 * Puts text on the clipboard from a button. The async clipboard API exists only in a secure context
 * (the app's own window, 127.0.0.1); a page on a LAN address has none, so there the text is copied
 * through a selection, which a click allows.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      return await navigator.clipboard.writeText(text);
    } catch {
      // refused (no focus, no permission): the selection way below still works for a click
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  Object.assign(area.style, { position: 'fixed', opacity: '0', pointerEvents: 'none' });
  document.body.append(area);
  area.select();
  const done = document.execCommand('copy');
  area.remove();
  if (!done) throw new Error('the clipboard refused the copy');
}
