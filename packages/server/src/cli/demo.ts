/** `creditpool demo`: a realistic organization with weeks of simulated usage, then serve. */
import type { Command } from "commander";

export function registerDemo(_program: Command): void {}
