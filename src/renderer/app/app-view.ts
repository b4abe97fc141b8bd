/** The session's chrome: who is here. It draws what the model holds at once, then follows changes. */
import type { BoardModel } from '../board/board-model';
import { View, type ViewHost } from '../session/view';

export class AppView extends View<BoardModel> {
  private readonly list = document.querySelector<HTMLUListElement>('[data-testid="participants"]')!;

  constructor(model: BoardModel, session: ViewHost) {
    super(model, session);
    this.renderParticipants();
    this.subscribe(model.id, 'participants', () => this.renderParticipants());
  }

  private renderParticipants(): void {
    const items = [...this.model.participants].map(([viewId, p]) => {
      const li = document.createElement('li');
      li.textContent = viewId === this.viewId ? `${p.name} (you)` : p.name;
      li.style.background = p.color;
      li.dataset.viewId = viewId;
      return li;
    });
    this.list.replaceChildren(...items);
  }

  override detach(): void {
    super.detach();
    this.list.replaceChildren();
  }
}
