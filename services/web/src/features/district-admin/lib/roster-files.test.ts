// @vitest-environment node
// Files and streams as a browser has them (jsdom's Blob cannot read itself).
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { csvsInZip, readRosterFiles } from "./roster-files";

/** A minimal zip archive (what `zip` writes), entries deflated or stored. */
function zip(entries: { name: string; text: string; deflate: boolean }[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.from(entry.text);
    const data = entry.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    head.writeUInt32LE(data.length, 20);
    head.writeUInt32LE(raw.length, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(head, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

describe("roster files", () => {
  it("reads orgs.csv and users.csv from a OneRoster zip, in any folder, deflated or stored", async () => {
    const archive = zip([
      { name: "export/orgs.csv", text: "sourcedId,name,type\ns1,Oak,school\n", deflate: true },
      { name: "export/classes.csv", text: "ignored", deflate: true },
      { name: "export/users.csv", text: "sourcedId,role\nt1,teacher\n", deflate: false },
    ]);
    const found = await csvsInZip(archive);
    expect(found).toEqual({ "orgs.csv": "sourcedId,name,type\ns1,Oak,school\n", "users.csv": "sourcedId,role\nt1,teacher\n" });
  });

  it("takes the two CSV files chosen separately and says which one is missing", async () => {
    const orgs = new File(["o"], "orgs.csv");
    const users = new File(["u"], "Users.CSV");
    expect(await readRosterFiles([orgs, users])).toEqual({ orgs: "o", users: "u" });
    expect(await readRosterFiles([orgs])).toMatch(/users\.csv is missing/);
  });

  it("refuses a file that is not a zip", async () => {
    await expect(csvsInZip(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not a zip/);
  });
});
