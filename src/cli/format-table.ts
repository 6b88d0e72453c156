/**
 * Aligned columns for terminal output: every column as wide as its widest cell, two spaces
 * between columns, the last column unpadded and no trailing spaces.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((row) => width(row[c] ?? ''))));
  const lines = all.map((row) =>
    headers
      .map((_, c) => {
        const cell = row[c] ?? '';
        return c === headers.length - 1 ? cell : cell + ' '.repeat(widths[c] - width(cell));
      })
      .join('  ')
      .trimEnd(),
  );
  return lines.join('\n') + '\n';
}

/** Display width in code points (names and URLs are ASCII; descriptions may not be). */
function width(text: string): number {
  return [...text].length;
}
