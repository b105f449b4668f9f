// Every table, for drizzle's schema-aware queries and drizzle-kit.
export * from "./organisations";
export * from "./surveys";
export * from "./staff-and-units";
export * from "./customers";
export * from "./interactions";
export * from "./responses";
export * from "./mailbox";
export * from "./analytics";
export * from "./review";
