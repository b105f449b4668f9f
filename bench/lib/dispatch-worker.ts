// The dispatcher as its own process, for the dispatch benchmark to run at the provider's ceiling and to kill:
// opens the benchmark's libSQL file and runs the Node runtime's dispatcher against the given Resend endpoint.
import { openLibsql } from "../../db/libsql";
import { startDispatcher } from "../../server/features/dispatch/dispatch.service";
import { createResendMailer } from "../../server/mail/resend-mailer";
import { benchSettings } from "./dispatch-data";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const db = await openLibsql(`file:${env("BENCH_DB")}`);
const mailer = createResendMailer(env("BENCH_RESEND_KEY"), env("BENCH_RESEND_URL"));
const settings = benchSettings({ mailRatePerSecond: Number(env("BENCH_RATE")) });
const stop = startDispatcher(
  { db, mailer, settings, now: () => new Date(), leaseMs: Number(env("BENCH_LEASE_MS")) },
  Number(env("BENCH_INTERVAL_MS")),
  (report) => console.log(JSON.stringify(report)),
  (err) => console.error("dispatch tick failed; it will run again", err),
);
console.log("ready");
process.on("SIGTERM", () => {
  stop();
  process.exit(0);
});
