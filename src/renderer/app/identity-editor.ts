/**
 * "You" in the list of people: click your name to change it and your colour. The choice is kept on
 * this device for every later session, and the board tells everyone at once (an event through the model).
 */
import type { UserInfo } from '../../shared/protocol';
import { LIMITS } from '../../shared/protocol';
import { button, el } from './dom';
import { IDENTITY_COLORS, saveIdentity } from './identity';

export class IdentityEditor {
  private readonly form = el('form', { class: 'identity-editor', testid: 'identity-editor' });

  constructor(
    private readonly current: () => UserInfo,
    private readonly changed: (user: UserInfo) => void,
  ) {
    this.form.hidden = true;
    document.body.append(this.form);
  }

  get isOpen(): boolean {
    return !this.form.hidden;
  }

  open(anchor: HTMLElement): void {
    const user = this.current();
    let color = user.color;
    const name = el('input', { testid: 'identity-name', ariaLabel: 'Your name' });
    name.value = user.name;
    name.maxLength = LIMITS.maxNameLength;
    name.required = true;
    const swatches = IDENTITY_COLORS.map((c) => {
      const b = button('', `identity-${c.slice(1)}`, () => {
        color = c;
        for (const s of swatches) s.setAttribute('aria-pressed', String(s === b));
      });
      b.className = 'swatch';
      b.title = `Colour ${c}`;
      b.setAttribute('aria-label', b.title);
      b.style.setProperty('--swatch', c);
      b.setAttribute('aria-pressed', String(c === color));
      return b;
    });
    const save = el('button', { type: 'submit', text: 'Save', testid: 'identity-save' });
    this.form.replaceChildren(el('label', { text: 'Your name' }, name), el('div', { class: 'swatches' }, ...swatches), el('div', { class: 'row' }, save, button('Cancel', 'identity-cancel', () => this.close())));
    this.form.onsubmit = (event) => {
      event.preventDefault();
      const chosen = { name: name.value.trim(), color };
      if (chosen.name === '') return name.focus();
      saveIdentity(localStorage, chosen);
      this.changed(chosen);
      this.close();
    };
    this.form.onkeydown = (event) => event.key === 'Escape' && this.close();
    const box = anchor.getBoundingClientRect();
    this.form.style.top = `${box.bottom + 6}px`;
    this.form.style.right = `${Math.max(8, window.innerWidth - box.right)}px`;
    this.form.hidden = false;
    name.focus();
    name.select();
  }

  close(): void {
    this.form.hidden = true;
  }

  destroy(): void {
    this.form.remove();
  }
}
