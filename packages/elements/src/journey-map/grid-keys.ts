/**
 * Keyboard movement in the journey map's grid (WAI-ARIA grid pattern): which cell an arrow key,
 * Home, End, Page Up, Page Down (with or without Ctrl) moves to. Pure, so it is easy to test and to
 * reason about.
 *
 * Rows are keys (`head`, `curve`, `score`, then lane ids); columns are keys (`head`, then stage
 * ids). The `curve` row has one cell spanning every stage column: moving within it does nothing,
 * and moving up or down out of it returns to the column the person came from.
 */

/** Where the active cell is: a row key and a column key. */
export interface GridPosition {
  readonly row: string;
  readonly col: string;
}

/** The row whose stage columns are one spanning cell. */
export const SPAN_ROW = 'curve';

/** The key that moves focus, or `null` when the key is not a grid movement. */
export function moveInGrid(
  position: GridPosition,
  rows: readonly string[],
  cols: readonly string[],
  key: string,
  ctrl: boolean,
): GridPosition | null {
  const r = Math.max(0, rows.indexOf(position.row));
  const c = Math.max(0, cols.indexOf(position.col));
  const lastRow = rows.length - 1;
  const lastCol = cols.length - 1;
  const at = (row: number, col: number): GridPosition => ({ row: rows[row] as string, col: cols[col] as string });
  const spanning = rows[r] === SPAN_ROW && c > 0;
  switch (key) {
    case 'ArrowRight':
      if (spanning) return at(r, c);
      return at(r, Math.min(lastCol, c + 1));
    case 'ArrowLeft':
      if (spanning) return at(r, 0);
      return at(r, Math.max(0, c - 1));
    case 'ArrowDown':
      return at(Math.min(lastRow, r + 1), c);
    case 'ArrowUp':
      return at(Math.max(0, r - 1), c);
    case 'Home':
      return ctrl ? at(0, 0) : at(r, 0);
    case 'End':
      return ctrl ? at(lastRow, lastCol) : at(r, spanning ? c : lastCol);
    case 'PageUp':
      return at(0, c);
    case 'PageDown':
      return at(lastRow, c);
    default:
      return null;
  }
}

/** The focusable controls inside an element, in document order (for Tab within a cell). */
export function focusablesIn(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [contenteditable="true"]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.closest('[hidden]') && !el.hasAttribute('data-cell'),
  );
}
