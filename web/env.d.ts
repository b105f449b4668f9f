// Ambient types for the browser entries: Vite's asset imports and survey-core's untyped locale modules.
/// <reference types="vite/client" />

declare module "survey-core/i18n/*";
