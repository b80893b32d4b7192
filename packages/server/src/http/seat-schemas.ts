/** Seat assignments: which members hold a subscription's seats. */
import { z } from "@hono/zod-openapi";
import { idOf, Timestamp } from "./schemas.ts";

export const AssignSeat = z
  .strictObject({
    member: idOf("mem").openapi({ description: "The member who takes one of the seats." }),
  })
  .openapi("AssignSeat");

export const SeatAssignmentParams = z.object({ id: idOf("sub"), member: idOf("mem") });

export const SeatAssignmentView = z
  .object({
    object: z.literal("seat_assignment"),
    subscription: idOf("sub"),
    member: idOf("mem"),
    assigned_at: Timestamp,
  })
  .openapi("SeatAssignment");
