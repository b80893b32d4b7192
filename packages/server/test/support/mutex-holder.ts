/** Takes the shared lock it is given, says so, and lets it go when told. */
import { parentPort, workerData } from "node:worker_threads";
import { SharedMutex } from "../../src/store/mutex.ts";

const port = parentPort;
if (port === null) throw new Error("run as a worker");
const lock = new SharedMutex((workerData as { buffer: SharedArrayBuffer }).buffer);
await lock.run(async () => {
  port.postMessage("held");
  await new Promise((resolve) => port.once("message", resolve));
});
port.postMessage("released");
