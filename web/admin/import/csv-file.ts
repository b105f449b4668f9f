// Reading a CSV file in the browser: its encoding found (UTF-8, UTF-16 with a mark, else Windows-1252), then parsed in chunks by papaparse.
import type { ParseConfig, ParseResult, Parser } from "papaparse";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type CsvFile = {
  name: string;
  columns: string[];
  rows: Record<string, string>[];
  encoding: Encoding;
  /** The separator papaparse found: a comma, or the semicolon spreadsheets use where the comma is the decimal mark. */
  delimiter: string;
};

/** How far reading has got: a fraction of the whole work, and the rows found so far. */
export type ReadProgress = { fraction: number; rows: number };

/** A file we cannot read, with a message that says what to do about it. */
export class CsvFileProblem extends Error {
  override name = "CsvFileProblem";
}

export const SAVE_AS_UTF8 =
  "Save it as UTF-8 and choose it again: in Excel, File → Save As → “CSV UTF-8 (Comma delimited)”; in Google Sheets, File → Download → CSV; " +
  "in LibreOffice, Save As → Text CSV with the character set “Unicode (UTF-8)”.";

const PARSE_CHUNK = 64 * 1024;

function markOf(head: Uint8Array): { encoding: Encoding; marked: boolean } | "workbook" | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", marked: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", marked: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", marked: true };
  // A zip archive: an .xlsx or .ods workbook renamed or chosen by mistake.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "workbook";
  return null;
}

/** The file's text, streamed through a decoder so a character split across two reads still comes out whole. */
async function decode(file: Blob, encoding: Encoding, fatal: boolean, onBytes: (bytes: number) => void): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  const reader = file.stream().getReader();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onBytes(bytes);
  }
  parts.push(decoder.decode());
  return parts.join("");
}

/**
 * The file's text and the encoding it was written in. Without a byte-order mark it must read as UTF-8; a file that
 * does not is read as Windows-1252, which is what Excel on Windows saves as "CSV" in Western languages.
 */
async function textOf(file: Blob, onFraction: (f: number) => void): Promise<{ text: string; encoding: Encoding }> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const mark = markOf(head);
  if (mark === "workbook") throw new CsvFileProblem(`This is a spreadsheet workbook, not a CSV file. ${SAVE_AS_UTF8}`);
  const progress = (bytes: number) => onFraction(file.size ? bytes / file.size : 1);
  if (mark) return { text: await decode(file, mark.encoding, false, progress), encoding: mark.encoding };
  try {
    return { text: await decode(file, "utf-8", true, progress), encoding: "utf-8" };
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return { text: await decode(file, "windows-1252", false, progress), encoding: "windows-1252" };
  }
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Reads a CSV file whose first line names the columns, reporting progress as it goes and yielding to the page
 * between chunks so the progress can show. Refuses files it cannot read, and files over `maxRows` rows.
 */
export async function readCsvFile(file: File, onProgress: (p: ReadProgress) => void, options: { maxRows?: number; tooMany?: (max: number) => string } = {}): Promise<CsvFile> {
  // Decoding is quick next to parsing: it takes the first tenth of the bar.
  const { text, encoding } = await textOf(file, (f) => onProgress({ fraction: f * 0.1, rows: 0 }));
  // UTF-16 without its mark, or a binary file, decodes with NULs between letters.
  if (text.slice(0, 4096).includes("\u0000")) throw new CsvFileProblem(`This file is not text we can read as CSV. ${SAVE_AS_UTF8}`);
  const { default: Papa } = await import("papaparse");
  type Row = Record<string, string>;
  const rows: Row[] = [];
  let filled = 0;
  let columns: string[] = [];
  let delimiter = ",";
  let refused = false;
  await pause();
  return new Promise<CsvFile>((resolve, reject) => {
    // papaparse streams a string in chunks as it does a file; its types only admit `chunk` for files.
    const config: ParseConfig<Row> & { chunkSize: number; chunk: (results: ParseResult<Row>, parser: Parser) => void; complete: () => void; error: (err: Error) => void } = {
      header: true,
      skipEmptyLines: false,
      chunkSize: PARSE_CHUNK,
      transformHeader: (h) => h.trim(),
      chunk: (results, parser) => {
        if (columns.length === 0) {
          columns = (results.meta.fields ?? []).filter((f) => f !== "");
          delimiter = results.meta.delimiter;
        }
        rows.push(...results.data);
        for (const r of results.data) if (!isBlankRow(r)) filled++;
        if (options.maxRows !== undefined && filled > options.maxRows) {
          refused = true;
          reject(new CsvFileProblem(options.tooMany?.(options.maxRows) ?? `This file has more than ${options.maxRows} rows; split it into smaller files.`));
          // Aborting calls complete() at once, which must not answer as well.
          parser.abort();
          return;
        }
        onProgress({ fraction: 0.1 + 0.9 * Math.min(1, results.meta.cursor / Math.max(1, text.length)), rows: rows.length });
        parser.pause();
        setTimeout(() => parser.resume(), 0);
      },
      complete: () => {
        if (refused) return;
        if (columns.length === 0 || filled === 0) {
          reject(new CsvFileProblem("This file has no rows under a header line. Choose a CSV file whose first line names the columns."));
          return;
        }
        onProgress({ fraction: 1, rows: rows.length });
        resolve({ name: file.name, columns, rows, encoding, delimiter });
      },
      error: (err) => reject(new CsvFileProblem(`The file could not be read (${err.message}). Choose a CSV file.`)),
    };
    // A final line break would make a last, empty row, which can tip papaparse's guess of the separator in a short file.
    Papa.parse<Row>(text.replace(/(?:\r?\n)+$/, ""), config);
  });
}

export const isBlankRow = (record: Record<string, string>) => Object.values(record).every((v) => (v ?? "").trim() === "");

export const encodingNames: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16",
  "utf-16be": "UTF-16",
  "windows-1252": "Windows-1252 (Western European)",
};
