/** A benchmark's progress lines, each stamped with the seconds since it began, and its total. */
export class Progress {
  private readonly started = performance.now();

  readonly log = (line: string): void => {
    process.stdout.write(`[${this.seconds(1).padStart(6)} s] ${line}\n`);
  };

  /** The last line of a report. */
  total(): string {
    return `Total time: ${this.seconds(0)} s`;
  }

  private seconds(digits: number): string {
    return ((performance.now() - this.started) / 1000).toFixed(digits);
  }
}
