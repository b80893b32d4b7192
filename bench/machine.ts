/** What the figures were measured on, printed with them. */
import { readFileSync } from "node:fs";
import os from "node:os";

export function describeMachine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model.trim() ?? "unknown"} x ${cpus.length}`,
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    "temp disk": tempDisk(),
  };
}

/** The file system under `os.tmpdir()`, from the longest matching mount point. */
function tempDisk(): string {
  try {
    const dir = os.tmpdir();
    let best = { point: "", text: "unknown" };
    for (const line of readFileSync("/proc/mounts", "utf8").split("\n")) {
      const [device, point, type] = line.split(" ");
      if (device === undefined || point === undefined || type === undefined) continue;
      const covers = dir === point || dir.startsWith(point === "/" ? "/" : `${point}/`);
      if (covers && point.length >= best.point.length)
        best = { point, text: `${type} on ${device}` };
    }
    return best.text;
  } catch {
    return "unknown";
  }
}
