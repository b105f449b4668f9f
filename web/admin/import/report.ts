// The per-row error report of an import: problems named by the file's row and column, and their CSV download.
import type { FieldError } from "../../shared/api-client";

/** A problem in the file; rows are numbered as a spreadsheet shows them (the header is row 1). */
export type ReportRow = { row: number; column: string; message: string };

const csvCell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export function reportCsv(report: ReportRow[]): string {
  const lines = [["row", "column", "message"], ...report.map((r) => [r.row, r.column, r.message])].map((cells) => cells.map(csvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function downloadReport(fileName: string, report: ReportRow[]) {
  const url = URL.createObjectURL(new Blob([reportCsv(report)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName.replace(/\.csv$/i, "")}-errors.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The server names a wrong field by a JSON Pointer into the request (`/<list>/<index>/<field>/…`); the report names
 * the file's row and column. `locate` turns the index and the rest of the pointer into them.
 */
export function reportServerErrors(
  errors: FieldError[],
  list: string,
  locate: (index: number, rest: string[]) => { row: number; column: string },
): ReportRow[] {
  const prefix = `/${list}/`;
  return errors.map((e) => {
    const [index, ...rest] = e.path.startsWith(prefix) ? e.path.slice(prefix.length).split("/") : [];
    const unescaped = rest.map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const at = index === undefined || !/^\d+$/.test(index) ? { row: 0, column: "" } : locate(Number(index), unescaped);
    const message = e.message.replace(/^(?:Row|Interaction) \d+: /, "");
    return { ...at, message: message.charAt(0).toUpperCase() + message.slice(1) };
  });
}
