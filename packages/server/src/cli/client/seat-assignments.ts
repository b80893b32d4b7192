/**
 * `creditpool subscriptions assign|unassign|assignments`: the members holding a subscription's
 * seats, which a subscription with `seat_access: assigned` requires of whoever holds at its pools.
 */
import type { SeatAssignment } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, more, paged, run } from "./context.ts";
import { type Column, table } from "./table.ts";

const assignmentColumns: readonly Column<SeatAssignment>[] = [
  { header: "MEMBER", value: (seat) => seat.member },
  { header: "SUBSCRIPTION", value: (seat) => seat.subscription },
  { header: "ASSIGNED AT", value: (seat) => seat.assigned_at },
];

export function registerSeatCommands(subscriptions: Command): void {
  clientCommand(subscriptions, "assign", "Give a member one of the subscription's seats")
    .argument("<subscription>", "the subscription's id")
    .argument("<member>", "the member's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((sub: string, member: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const seat = await client.subscriptions.assignSeat(
          sub,
          { member },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: seat, text: () => table([seat], assignmentColumns) };
      }),
    );

  clientCommand(subscriptions, "unassign", "Take a member's seat back")
    .argument("<subscription>", "the subscription's id")
    .argument("<member>", "the member's id")
    .action((sub: string, member: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const seat = await client.subscriptions.unassignSeat(sub, member);
        return { answer: seat, text: () => table([seat], assignmentColumns) };
      }),
    );

  paged(clientCommand(subscriptions, "assignments", "List the members holding its seats"))
    .argument("<subscription>", "the subscription's id")
    .action((sub: string, options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.subscriptions.listAssignments(sub, {
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () =>
            table(page.data, assignmentColumns) + more(page.has_more, page.data.at(-1)?.member),
        };
      }),
    );
}
