// npm run db:seed: creates the demo organisation when the database has none (never in production).
import { parseConfig } from "../../server/config";
import { nodeAppSecret, openNodeDatabase } from "../../server/node-runtime";
import { DEMO_PASSWORD, demoUsers, seedDemo } from "./demo";

const config = parseConfig(process.env);
if (config.NODE_ENV === "production") throw new Error("Refusing to seed demo data with NODE_ENV=production.");
const { db, dbFile } = await openNodeDatabase(config);
const result = await seedDemo(db, { appSecret: nodeAppSecret(config, dbFile), now: new Date(), maxSqlParams: 999 });
if (!result.seeded) console.log("The database already has an organisation; nothing seeded.");
else console.log(`Seeded the demo organisation. Logins (password "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.email).join(", ")}\nDemo API key (npm start prints it at every start): ${result.apiKey}`);
