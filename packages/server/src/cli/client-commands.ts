/** Client commands over the SDK: one per resource of the API. */
import type { Command } from "commander";

export function registerClientCommands(_program: Command): void {}
