// The roster files a district admin picks: a OneRoster 1.1 zip (its orgs.csv and users.csv; the
// other files — classes, enrollments… — are not read) or the two CSV files themselves. Zips
// are read in the browser with the platform's DecompressionStream: no library, nothing uploaded
// but the two files tenancy reads.

export interface RosterFiles {
  orgs: string;
  users: string;
}

const WANTED = ["orgs.csv", "users.csv"] as const;
type Wanted = (typeof WANTED)[number];

/** The two CSVs' text from the chosen files, or a message saying what is missing. */
export async function readRosterFiles(files: readonly File[]): Promise<RosterFiles | string> {
  const found: Partial<Record<Wanted, string>> = {};
  for (const file of files) {
    if (file.name.toLowerCase().endsWith(".zip")) {
      Object.assign(found, await csvsInZip(new Uint8Array(await file.arrayBuffer())));
    } else {
      const name = baseName(file.name);
      if (isWanted(name)) found[name] = await file.text();
    }
  }
  const missing = WANTED.filter((name) => found[name] === undefined);
  if (missing.length) return `Choose a OneRoster zip, or orgs.csv and users.csv: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing.`;
  return { orgs: found["orgs.csv"] ?? "", users: found["users.csv"] ?? "" };
}

function baseName(path: string): string {
  return (path.split("/").pop() ?? path).toLowerCase();
}

function isWanted(name: string): name is Wanted {
  return (WANTED as readonly string[]).includes(name);
}

/** orgs.csv and users.csv from a zip archive (stored or deflated entries), by its central
 * directory, at any folder depth. */
export async function csvsInZip(bytes: Uint8Array): Promise<Partial<Record<Wanted, string>>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) throw new Error("This file is not a zip archive.");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const found: Partial<Record<Wanted, string>> = {};
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("The zip archive is damaged.");
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    const name = baseName(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    if (isWanted(name)) {
      const dataStart = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
      found[name] = await entryText(bytes.subarray(dataStart, dataStart + compressedSize), method);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return found;
}

function findEndOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 65535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return -1;
}

async function entryText(data: Uint8Array, method: number): Promise<string> {
  if (method === 0) return new TextDecoder().decode(data);
  if (method !== 8) throw new Error("The zip uses a compression this app cannot read; zip it again with standard settings.");
  const body = new Response(new Uint8Array(data)).body;
  if (!body) throw new Error("The zip archive is damaged.");
  return new Response(body.pipeThrough(new DecompressionStream("deflate-raw"))).text();
}
