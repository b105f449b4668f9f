// What every service call receives: the database, who is acting for which organisation, the clock, the request
// id, and a unit of work that gathers the call's writes into one batch, committed atomically on libSQL and D1.
import { runBatch, type Db, type Statement } from "../../db/client";
import type { Role } from "../../db/schema";
import type { CommentAnswer, ScoredAnswer } from "../domain/survey-definition";
import type { AppSettings } from "../config";
import type { Mailer } from "../mail/mailer";

export type Actor =
  | { kind: "user"; id: string; role: Role }
  | { kind: "api-key"; id: string }
  | { kind: "respondent" }
  | { kind: "system"; name: string };

/** Where a response came from: its interaction's unit, staff member, channel, type and time. */
export type ResponseContext = {
  unitId: string | null;
  agentId: string | null;
  channel: string | null;
  interactionType: string | null;
  interactionAt: Date | null;
};

/** Things that happened inside a unit of work, which other features may react to before it commits. */
export type DomainEvent = {
  type: "response.recorded";
  orgId: string;
  /** The organisation's IANA time zone: analytics counts answers by its days. */
  timeZone: string;
  /** The invitation answered, and when it was sent; both null for a response imported from another tool. */
  invitationId: string | null;
  invitationSentAt: Date | null;
  responseId: string;
  surveyId: string;
  surveyVersionId: string;
  metrics: Partial<Record<string, number>>;
  /** Every scored answer by meaning: one per rated question with a metric role, in question order. */
  scores: ScoredAnswer[];
  /** Every free-text answer, for comments and their sentiment. */
  comments: CommentAnswer[];
  context: ResponseContext;
  /** When the customer answered (an imported response carries its own time). */
  at: Date;
  /** Set for a response imported from another tool. */
  imported?: boolean;
};

type Reaction<E extends DomainEvent = DomainEvent> = (event: E, work: UnitOfWork) => void | Promise<void>;

/**
 * Features subscribe at composition (server/reactions.ts); the feature that raises an event does not know who
 * listens. A reaction only adds statements to the same unit of work, so the event and its consequences
 * commit together or not at all.
 */
export class Reactions {
  readonly #handlers = new Map<DomainEvent["type"], Reaction[]>();
  on<T extends DomainEvent["type"]>(type: T, reaction: Reaction<Extract<DomainEvent, { type: T }>>) {
    this.#handlers.set(type, [...(this.#handlers.get(type) ?? []), reaction as Reaction]);
    return this;
  }
  async raise(event: DomainEvent, work: UnitOfWork) {
    for (const reaction of this.#handlers.get(event.type) ?? []) await reaction(event, work);
  }
}

export class UnitOfWork {
  readonly #statements: Statement[] = [];
  readonly #gathered = new Map<string, { state: unknown; flush: (state: never) => Statement[] }>();
  #committed = false;
  constructor(
    readonly db: Db,
    readonly reactions: Reactions,
    /** The driver's cap on bound parameters a statement (D1: 100), for features splitting multi-row inserts. */
    readonly maxSqlParams: number,
  ) {}
  /** Queues writes; nothing runs until commit(). */
  add(...statements: Statement[]) {
    if (this.#committed) throw new Error("This unit of work has already been committed.");
    this.#statements.push(...statements);
    return this;
  }
  /**
   * State a feature gathers across the whole unit of work, written once by `flush` at commit: rollup cells of
   * many responses in one import merge into far fewer statements than one set per response.
   */
  gather<T>(key: string, create: () => T, flush: (state: T) => Statement[]): T {
    if (this.#committed) throw new Error("This unit of work has already been committed.");
    let entry = this.#gathered.get(key);
    if (!entry) {
      entry = { state: create(), flush: flush as (state: never) => Statement[] };
      this.#gathered.set(key, entry);
    }
    return entry.state as T;
  }
  /** Lets subscribed features add their own writes for an event to this same batch. */
  raise(event: DomainEvent) {
    return this.reactions.raise(event, this);
  }
  get size() {
    return this.#statements.length;
  }
  /** Runs every queued statement as one atomic batch. */
  async commit() {
    for (const { state, flush } of this.#gathered.values()) this.#statements.push(...flush(state as never));
    this.#committed = true;
    await runBatch(this.db, this.#statements);
  }
}

export type ServiceContext = {
  db: Db;
  mailer: Mailer;
  settings: AppSettings;
  reactions: Reactions;
  now: Date;
  requestId: string;
  actor: Actor;
};

/** A context acting for one organisation: every query it makes is scoped to `orgId`. */
export type OrgContext = ServiceContext & { orgId: string };

export const unitOfWork = (ctx: Pick<ServiceContext, "db" | "reactions"> & { settings: Pick<AppSettings, "maxSqlParams"> }) =>
  new UnitOfWork(ctx.db, ctx.reactions, ctx.settings.maxSqlParams);

/** The acting user's id, for records that name who did something; a key or the system has none. */
export function actingUserId(ctx: Pick<ServiceContext, "actor">): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.id : null;
}
