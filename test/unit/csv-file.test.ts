// The import pages' CSV reader: encodings found or refused with advice, separators found, a row limit kept.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CsvFileProblem, readCsvFile } from "../../web/admin/import/csv-file";

const fixture = (name: string) => new File([readFileSync(`test/fixtures/${name}`)], name);
const read = (file: File, options?: Parameters<typeof readCsvFile>[2]) => readCsvFile(file, () => undefined, options);

describe("reading a CSV file", () => {
  it("reads a UTF-8 file with quoted commas, keeping blank lines as blank rows", async () => {
    const file = await read(fixture("interactions-broken.csv"));
    expect(file).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(file.columns).toEqual(["Ticket #", "Closed at", "Category", "Channel", "Email", "Customer", "Language", "Time zone", "Branch", "Agent", "Tier"]);
    expect(file.rows[8]).toMatchObject({ "Ticket #": "T-1008", Customer: "Hana Kimura, PhD" });
  });

  it("reads a file Excel saved as Windows-1252 with its accented names intact", async () => {
    const file = await read(fixture("interactions-windows-1252.csv"));
    expect(file.encoding).toBe("windows-1252");
    expect(file.rows.map((r) => r.Customer)).toEqual(["José Núñez", "Zoë Brontë", "François Dupré", "Søren Ærø"]);
    expect(file.rows.map((r) => r.Branch)).toEqual(["Málaga", "Zürich", "Besançon", "København"]);
  });

  it("reads a UTF-8 file with a byte-order mark and semicolons, the mark kept out of the first column's name", async () => {
    const file = await read(fixture("interactions-bom-semicolons.csv"));
    expect(file).toMatchObject({ encoding: "utf-8", delimiter: ";" });
    expect(file.columns[0]).toBe("Ref");
    expect(file.rows[0]).toMatchObject({ Ref: "S-3001", Date: "16.03.2026 09:30", Name: "Inês Araújo" });
  });

  it("reads UTF-16 with its mark, as Excel's “Unicode text” saves it", async () => {
    const text = "Ref\tName\r\nU-1\tÅsa Öberg\r\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const file = await read(new File([bytes], "unicode.txt"));
    expect(file).toMatchObject({ encoding: "utf-16le", delimiter: "\t", columns: ["Ref", "Name"] });
    expect(file.rows[0]).toEqual({ Ref: "U-1", Name: "Åsa Öberg" });
  });

  it("keeps a character whole when it spans two reads of a large file", async () => {
    const line = `${"x".repeat(70)},Ñandú Ñoño\r\n`;
    const file = await read(new File([`a,name\r\n${line.repeat(20_000)}`], "large.csv"));
    expect(file.rows).toHaveLength(20_000);
    expect(file.rows.every((r) => r.name === "Ñandú Ñoño")).toBe(true);
  });

  it("refuses a spreadsheet workbook, saying how to save it as CSV UTF-8", async () => {
    const workbook = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])], "export.csv");
    await expect(read(workbook)).rejects.toThrow(/spreadsheet workbook.*CSV UTF-8/);
  });

  it("refuses a file with no rows under its header", async () => {
    await expect(read(new File(["Ref,Name\r\n\r\n"], "empty.csv"))).rejects.toBeInstanceOf(CsvFileProblem);
  });

  it("refuses a file over the row limit with the caller's advice", async () => {
    const big = new File([`Ref\r\n${Array.from({ length: 12 }, (_, i) => `r${i}`).join("\r\n")}`], "big.csv");
    await expect(read(big, { maxRows: 10, tooMany: (max) => `Split it into files of at most ${max} rows.` })).rejects.toThrow("Split it into files of at most 10 rows.");
    expect((await read(big, { maxRows: 12 })).rows).toHaveLength(12);
  });
});
