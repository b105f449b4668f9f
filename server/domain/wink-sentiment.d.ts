// The part of wink-sentiment's API we use; the package ships no types.
declare module "wink-sentiment" {
  type Token = { value: string; tag: string; score?: number; negation?: boolean };
  /** `normalizedScore` runs from -5 (most negative) to 5 (most positive), adjusted for the text's length. */
  export default function sentiment(phrase: string): { score: number; normalizedScore: number; tokenizedPhrase?: Token[] };
}
