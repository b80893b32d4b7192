/** Where a store lives, as the command line names it; nothing here opens one. */

export const defaultDatabase = "data/creditpool.db";

/** How a location is shown in logs: a URL without its password. */
export function describeLocation(location: string): string {
  return location.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
