// The words of a rule's attribute conditions, apart from the rules themselves so the admin app can read them
// without loading the hashing and time-zone code the rules need.

/** Free facts about an interaction or a customer that rules can match on. */
export type Attributes = Record<string, string | number | boolean>;
export const attributeOperators = ["is", "is-not", "at-least", "at-most", "is-one-of"] as const;
export type AttributeCondition = { key: string; op: (typeof attributeOperators)[number]; value: string | number | boolean | (string | number)[] };
