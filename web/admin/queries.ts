// What the admin app reads and writes, through the typed client: cache keys, queries, writes and the shapes they answer.
import { QueryClient, infiniteQueryOptions, queryOptions, type InfiniteData } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { ApiError, api, read, segment } from "../shared/api-client";

export type Me = InferResponseType<typeof api.me.$get, 200>;
export type Role = Me["role"];
export type Survey = InferResponseType<(typeof api.surveys)[":id"]["$get"], 200>;
export type Rule = InferResponseType<(typeof api.surveys)[":id"]["rules"]["$get"], 200>["items"][number];
export type ApiKey = InferResponseType<(typeof api)["api-keys"]["$get"], 200>["items"][number];
export type MailMessage = InferResponseType<typeof api.dev.mailbox.$get, 200>["items"][number];
export type Person = InferResponseType<typeof api.people.$get, 200>["items"][number];
export type LinkInfo = InferResponseType<(typeof api.auth.tokens)[":token"]["$get"], 200>;

export const canEdit = (me: Me) => me.role === "admin" || me.role === "manager";

// Never retry what the server refused (4xx): asking again gets the same answer. A lost connection or a 5xx may pass.
const MAX_RETRIES = 2;
const shouldRetry = (failures: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failures < MAX_RETRIES;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/** Writes that change a list refresh it through these prefixes; a survey's own key sits under "surveys". */
export const keys = {
  me: ["me"] as const,
  surveys: ["surveys"] as const,
  surveyLists: ["surveys", "lists"] as const,
  surveyList: ["surveys", "lists", "paged"] as const,
  archivedSurveyList: ["surveys", "lists", "archived"] as const,
  surveyPicker: ["surveys", "lists", "all"] as const,
  survey: (id: string) => ["surveys", "one", id] as const,
  rules: (surveyId: string) => ["surveys", "rules", surveyId] as const,
  apiKeys: ["api-keys"] as const,
  mailbox: ["mailbox"] as const,
  people: ["people"] as const,
  setup: (token: string) => ["setup", token] as const,
  link: (token: string) => ["link", token] as const,
};

const withSignal = (signal: AbortSignal) => ({ init: { signal } });

/** The signed-in person, or null when nobody is: a 401 here is an answer, not a failure. */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async ({ signal }) => {
    try {
      return await read(api.me.$get(undefined, withSignal(signal)), { expectUnauthorized: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  // Only this app signs in and out, and it updates the cache when it does; a lapsed session answers 401.
  staleTime: Number.POSITIVE_INFINITY,
});

export type Page<T> = { items: T[]; nextCursor: string | null };
type PageFetcher<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/** A `?limit=&cursor=` list as an infinite query: the first page on mount, the next on request. */
function pagedQuery<T>(queryKey: readonly unknown[], fetchPage: PageFetcher<T>) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
  });
}

/** Puts a changed row in place in a cached paged list, whichever page it came on. */
export function replaceInPages<T extends { id: string }>(queryClient: QueryClient, queryKey: readonly unknown[], row: T): void {
  queryClient.setQueryData<InfiniteData<Page<T>>>(queryKey, (data) =>
    data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === row.id ? row : item)) })) },
  );
}

/** Every page of a list, for pickers that need the whole of a short list. */
export async function fetchAllPages<T>(fetchPage: PageFetcher<T>, signal: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, signal);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const surveysPage = (limit?: number) => (cursor: string | undefined, signal: AbortSignal) =>
  read(api.surveys.$get({ query: { cursor, limit: limit?.toString() } }, withSignal(signal)));

export const surveyListQuery = pagedQuery(keys.surveyList, surveysPage());

/** The archived surveys, which the main list leaves out. */
export const archivedSurveyListQuery = pagedQuery(keys.archivedSurveyList, (cursor, signal) =>
  read(api.surveys.$get({ query: { cursor, archived: "true" } }, withSignal(signal))),
);

// The picker wants every survey; the largest page keeps that to one request for most organisations.
const MAX_PICKER_PAGE = 200;
export const surveyPickerQuery = queryOptions({
  queryKey: keys.surveyPicker,
  queryFn: ({ signal }) => fetchAllPages(surveysPage(MAX_PICKER_PAGE), signal),
});

export const surveyQuery = (id: string) =>
  queryOptions({
    queryKey: keys.survey(id),
    queryFn: ({ signal }) => read(api.surveys[":id"].$get({ param: { id: segment(id) } }, withSignal(signal))),
  });

export const rulesQuery = (surveyId: string) =>
  pagedQuery(keys.rules(surveyId), (cursor, signal) =>
    read(api.surveys[":id"].rules.$get({ param: { id: segment(surveyId) }, query: { cursor } }, withSignal(signal))),
  );

export const apiKeysQuery = pagedQuery(keys.apiKeys, (cursor, signal) => read(api["api-keys"].$get({ query: { cursor } }, withSignal(signal))));

// Opening the mailbox is asking for the latest mail.
export const mailboxQuery = {
  ...pagedQuery(keys.mailbox, (cursor, signal) => read(api.dev.mailbox.$get({ query: { cursor } }, withSignal(signal)))),
  staleTime: 0,
};

export const peopleQuery = pagedQuery(keys.people, (cursor, signal) => read(api.people.$get({ query: { cursor, limit: "50" } }, withSignal(signal))));

/** Whether setup is open to this token (404 once it has run). Sign-in does not exist yet, so a 401 is just a problem. */
export const setupQuery = (token: string) =>
  queryOptions({
    queryKey: keys.setup(token),
    queryFn: ({ signal }) => read(api.setup.$get({ query: { token } }, withSignal(signal)), { expectUnauthorized: true }),
  });

export const linkQuery = (token: string) =>
  queryOptions({
    queryKey: keys.link(token),
    queryFn: ({ signal }) => read(api.auth.tokens[":token"].$get({ param: { token: segment(token) } }, withSignal(signal)), { expectUnauthorized: true }),
    // A one-time link is spent once used: a cached answer could show a form for a link that no longer works.
    staleTime: 0,
    gcTime: 0,
  });

type Json<F> = InferRequestType<F> extends { json: infer J } ? J : never;

/** The writes; callers refresh what each changes (see `keys`). */
export const write = {
  signIn: (body: Json<typeof api.auth.login.$post>) => read(api.auth.login.$post({ json: body }), { expectUnauthorized: true }),
  signOut: () => read(api.auth.logout.$post(), { expectUnauthorized: true }),
  setUp: (body: Json<typeof api.setup.$post>) => read(api.setup.$post({ json: body }), { expectUnauthorized: true }),
  acceptInvitation: (body: Json<typeof api.auth.invitations.accept.$post>) =>
    read(api.auth.invitations.accept.$post({ json: body }), { expectUnauthorized: true }),
  requestPasswordReset: (body: Json<(typeof api.auth)["password-reset"]["$post"]>) =>
    read(api.auth["password-reset"].$post({ json: body }), { expectUnauthorized: true }),
  completePasswordReset: (body: Json<(typeof api.auth)["password-reset"]["complete"]["$post"]>) =>
    read(api.auth["password-reset"].complete.$post({ json: body }), { expectUnauthorized: true }),
  changePassword: (body: Json<typeof api.me.password.$post>) => read(api.me.password.$post({ json: body })),

  createSurvey: (body: Json<typeof api.surveys.$post>) => read(api.surveys.$post({ json: body })),
  saveSurvey: (id: string, body: Json<(typeof api.surveys)[":id"]["$put"]>) => read(api.surveys[":id"].$put({ param: { id: segment(id) }, json: body })),
  publishSurvey: (id: string) => read(api.surveys[":id"].publish.$post({ param: { id: segment(id) } })),
  addRule: (surveyId: string, body: Json<(typeof api.surveys)[":id"]["rules"]["$post"]>) =>
    read(api.surveys[":id"].rules.$post({ param: { id: segment(surveyId) }, json: body })),

  createApiKey: (body: Json<(typeof api)["api-keys"]["$post"]>) => read(api["api-keys"].$post({ json: body })),
  revokeApiKey: (id: string) => read(api["api-keys"][":id"].revoke.$post({ param: { id: segment(id) } })),

  invitePerson: (body: Json<typeof api.people.invitations.$post>) => read(api.people.invitations.$post({ json: body })),
  resendInvitation: (id: string) => read(api.people[":id"].invitation.$post({ param: { id: segment(id) } })),
  updatePerson: (id: string, body: Json<(typeof api.people)[":id"]["$patch"]>) => read(api.people[":id"].$patch({ param: { id: segment(id) }, json: body })),
};

export type CreatedApiKey = Awaited<ReturnType<typeof write.createApiKey>>;
export type Invited = Awaited<ReturnType<typeof write.invitePerson>>;
