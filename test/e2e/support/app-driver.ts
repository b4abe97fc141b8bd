/**
 * One driver for the desktop app's screens, whether in Electron's window or in a browser tab on the
 * app's loopback bridge: the library (home), opening and leaving boards, sharing, joining by code.
 * What happens on a board itself is the board driver's.
 */
import { expect, type Page } from '@playwright/test';
import { BoardDriver } from './board-driver';

export class AppDriver {
  constructor(readonly page: Page) {}

  async home(): Promise<void> {
    await expect(this.page.getByTestId('home')).toBeVisible({ timeout: 15_000 });
  }

  card(name: string) {
    return this.page.getByTestId('board-card').filter({ has: this.page.getByTestId('board-title').getByText(name, { exact: true }) });
  }

  async boardNames(): Promise<string[]> {
    return this.page.getByTestId('board-title').allTextContents();
  }

  /** Makes a board from the home screen and waits until it is open. */
  async createBoard(): Promise<BoardDriver> {
    await this.page.getByTestId('new-board').click();
    const board = new BoardDriver(this.page);
    await board.connected();
    return board;
  }

  async open(name: string): Promise<BoardDriver> {
    await this.card(name).getByTestId('open').click();
    const board = new BoardDriver(this.page);
    await board.connected();
    return board;
  }

  /** Back to the library (the board stores its final snapshot and closes). */
  async goHome(): Promise<void> {
    await this.page.getByTestId('home-button').click();
    await this.home();
  }

  async rename(name: string, to: string): Promise<void> {
    await this.card(name).getByTestId('rename').click();
    await this.page.getByTestId('rename-input').fill(to);
    await this.page.getByTestId('rename-input').press('Enter');
    await expect(this.card(to)).toHaveCount(1);
  }

  /** Shares the open board and returns its invite code. */
  async share(): Promise<string> {
    await this.page.getByTestId('share-button').click();
    const code = this.page.getByTestId('invite-code');
    await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    return (await code.textContent())!;
  }

  /** The first browser link the open share panel shows. */
  async webLink(): Promise<string> {
    const lines = await this.page.getByTestId('share-links').locator('span').allTextContents();
    return lines.map((line) => /Browser: (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean)!;
  }

  /** Types a code on the home screen and asks to join. */
  async joinByCode(code: string): Promise<void> {
    await this.page.getByTestId('join-code').fill(code);
    await this.page.getByTestId('join').click();
  }
}
