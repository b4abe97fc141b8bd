/**
 * The native menus. Board commands go to the focused window as `menu:command`, so an accelerator like
 * Ctrl+Z reaches the board's own undo (and a text field's, when one has focus: the renderer decides).
 * Cut, Copy and Paste are roles: Chromium runs them in the focused page, which gets the DOM's clipboard
 * events (a text field edits itself, the board copies and pastes shapes), with no page script asking
 * for the clipboard. Their keys stay with the page (Electron does not register them as accelerators).
 */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc-contract';

export function installMenus(focused: () => BrowserWindow | null): void {
  const send = (command: MenuCommand) => () => focused()?.webContents.send('menu:command', command);
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({ id: command, label, accelerator, click: send(command) });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [item('All Boards', 'home', 'CmdOrCtrl+Shift+H'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        item('Duplicate', 'duplicate', 'CmdOrCtrl+D'),
        item('Delete', 'delete', 'Delete'),
        { type: 'separator' },
        item('Select All', 'select-all', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: 'View',
      submenu: [item('Zoom In', 'zoom-in', 'CmdOrCtrl+='), item('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'), item('Zoom to Fit', 'zoom-fit', 'Shift+1'), { type: 'separator' }, { role: 'togglefullscreen' }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
