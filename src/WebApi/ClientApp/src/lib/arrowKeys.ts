import type { KeyboardEvent } from 'react';

/**
 * Arrow-key movement between the enabled buttons of a grid (calendar days, time slots), in addition to Tab.
 * Columns come from the rendered layout so it stays right when the grid reflows on a narrow screen.
 */
export function onGridArrowKeys(event: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-cell]:not([disabled])'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0 || buttons.length === 0) return;
  const top = buttons[index]!.offsetTop;
  const columns = Math.max(1, buttons.filter((b) => b.offsetTop === top).length);
  const next = {
    ArrowLeft: index - 1,
    ArrowRight: index + 1,
    ArrowUp: index - columns,
    ArrowDown: index + columns,
    Home: 0,
    End: buttons.length - 1,
  }[event.key]!;
  const target = buttons[Math.min(buttons.length - 1, Math.max(0, next))];
  if (target) {
    event.preventDefault();
    target.focus();
  }
}
