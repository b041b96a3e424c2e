/** A one-line progress bar on stderr (stdout stays clean for metrics). */
export function progressBar(label: string, total: number): { tick(n: number): void; done(): void } {
  const start = Date.now();
  let done = 0;
  let last = 0;
  const draw = (): void => {
    const frac = total > 0 ? done / total : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - start) / 1000;
    const eta = frac > 0 ? secs / frac - secs : 0;
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${secs.toFixed(0)}s eta ${eta.toFixed(0)}s `,
    );
  };
  return {
    tick(n) {
      done += n;
      if (Date.now() - last > 200 || done >= total) {
        last = Date.now();
        draw();
      }
    },
    done() {
      done = total;
      draw();
      process.stderr.write('\n');
    },
  };
}
