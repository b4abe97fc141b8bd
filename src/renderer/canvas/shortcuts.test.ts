import { describe, expect, it } from 'vitest';
import { commandFor, describeCombo, SHORTCUTS } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('map every tool letter and the editing keys', () => {
    for (const [k, tool] of Object.entries({ v: 'select', p: 'pen', l: 'line', a: 'arrow', r: 'rect', o: 'ellipse', t: 'text', n: 'sticky', e: 'eraser' })) {
      expect(commandFor(key(k), false)).toBe(`tool.${tool}`);
    }
    expect(commandFor(key('Delete'), false)).toBe('delete');
    expect(commandFor(key('Escape'), false)).toBe('escape');
  });

  it('use Ctrl on Windows and Linux, Cmd on a Mac', () => {
    expect(commandFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(commandFor(key('z', { metaKey: true }), false)).toBeNull();
    expect(commandFor(key('z', { metaKey: true }), true)).toBe('undo');
    expect(commandFor(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandFor(key('y', { ctrlKey: true }), false)).toBe('redo');
    for (const [k, cmd] of [['d', 'duplicate'], ['a', 'selectAll']]) expect(commandFor(key(k!, { ctrlKey: true }), false)).toBe(cmd);
  });

  it('leave copy, cut and paste to the browser, whose clipboard events carry the data', () => {
    for (const k of ['c', 'x', 'v']) expect(commandFor(key(k, { ctrlKey: true }), false)).toBeNull();
  });

  it('read shifted keys by their physical key', () => {
    expect(commandFor(key('!', { shiftKey: true, code: 'Digit1' }), false)).toBe('zoomToFit');
    expect(commandFor(key('}', { ctrlKey: true, shiftKey: true, code: 'BracketRight' }), false)).toBe('bringToFront');
  });

  it('have no combo twice, and describe themselves per platform', () => {
    const combos = SHORTCUTS.map(([c]) => c);
    expect(new Set(combos).size).toBe(combos.length);
    expect(describeCombo('mod+shift+z', false)).toBe('Ctrl+Shift+Z');
    expect(describeCombo('mod+shift+z', true)).toBe('⌘⇧Z');
    expect(describeCombo('mod++', false)).toBe('Ctrl++');
    expect(describeCombo('shift+?', false)).toBe('Shift+?');
    for (const [combo] of SHORTCUTS) expect(describeCombo(combo, false)).not.toMatch(/undefined|\+\+\+/);
  });
});
