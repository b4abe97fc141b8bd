/** A little DOM building, so views read as the structure they make. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'class' | 'testid' | 'title' | 'text' | 'type' | 'placeholder' | 'ariaLabel', string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.testid) node.dataset.testid = props.testid;
  if (props.title) node.title = props.title;
  if (props.text) node.textContent = props.text;
  if (props.type) node.setAttribute('type', props.type);
  if (props.placeholder) node.setAttribute('placeholder', props.placeholder);
  if (props.ariaLabel) node.setAttribute('aria-label', props.ariaLabel);
  node.append(...children);
  return node;
}

export function button(text: string, testid: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', text, testid, class: cls });
  b.addEventListener('click', onClick);
  return b;
}

/** Saves bytes (or a URL) as a download: in Electron this asks where to save it. */
export function download(name: string, data: string | Uint8Array, type = 'application/octet-stream'): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The message of an error from the back end (Electron wraps it in "Error invoking remote method ..."). */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

/** A short note at the bottom of the window that goes by itself (what a click did, or why it failed). */
export function note(text: string): void {
  const toast = el('div', { class: 'toast', testid: 'note', text });
  toast.setAttribute('role', 'status');
  document.body.append(toast);
  setTimeout(() => toast.remove(), 6000);
}
