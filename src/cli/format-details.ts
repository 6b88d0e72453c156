/** A `Label: value` block with the values aligned; undefined values are left out. */
export function formatDetails(pairs: readonly (readonly [string, string | undefined])[]): string {
  const shown = pairs.filter((p): p is readonly [string, string] => p[1] !== undefined);
  const labelWidth = Math.max(0, ...shown.map(([label]) => label.length + 1));
  return shown
    .map(([label, value]) => {
      const [first, ...more] = value.split('\n');
      const head = `${`${label}:`.padEnd(labelWidth)}  ${first}`.trimEnd();
      return [head, ...more.map((line) => `${' '.repeat(labelWidth + 2)}${line}`)].join('\n');
    })
    .join('\n') + '\n';
}
