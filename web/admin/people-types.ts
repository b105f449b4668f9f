// Shapes of setup, people and one-time link answers as the browser receives them. Types only.
import type { LinkDescription } from "../../server/features/accounts/accounts.schemas";
import type { InviteResult } from "../../server/features/people/people.service";
import type { PersonView } from "../../server/features/people/people.schemas";
import type { Page } from "../../server/lib/pagination";
import type { Jsonified } from "../shared/api";
import type { Me } from "./api-types";

export type Person = Jsonified<PersonView>;
export type PeoplePage = Jsonified<Page<PersonView>>;
export type Invited = Jsonified<InviteResult>;
export type LinkInfo = Jsonified<LinkDescription>;
export type SetupDone = { user: Me; organisation: { id: string; name: string; timeZone: string } };
