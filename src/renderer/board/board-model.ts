/**
 * The whiteboard's root model. Pure and deterministic: it runs in every replica, in the browser and in
 * Node alike. For now it keeps who is in the session, with name and colour, from the engine's
 * join and leave events.
 */
import { Model } from '../engine/model';
import { SESSION_SCOPE, type ViewJoinData } from '../engine/vm';

export interface Participant {
  name: string;
  color: string;
}

export class BoardModel extends Model {
  participants = new Map<string, Participant>();

  override init(): void {
    this.subscribe(SESSION_SCOPE, 'view-join', 'onViewJoin');
    this.subscribe(SESSION_SCOPE, 'view-exit', 'onViewExit');
  }

  onViewJoin(data: ViewJoinData): void {
    this.participants.set(data.viewId, { name: data.name, color: data.color });
    this.publish(this.id, 'participants');
  }

  onViewExit(data: { viewId: string }): void {
    if (this.participants.delete(data.viewId)) this.publish(this.id, 'participants');
  }
}
BoardModel.register('BoardModel');
