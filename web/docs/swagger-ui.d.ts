// The parts of swagger-ui's bundled build this page uses; the package ships no types.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  type Options = {
    domNode: HTMLElement;
    spec?: object;
    url?: string;
    deepLinking?: boolean;
    docExpansion?: "list" | "full" | "none";
    defaultModelsExpandDepth?: number;
    defaultModelExpandDepth?: number;
    displayRequestDuration?: boolean;
    filter?: boolean | string;
    tryItOutEnabled?: boolean;
    persistAuthorization?: boolean;
    validatorUrl?: string | null;
    syntaxHighlight?: false | { activated?: boolean; theme?: string };
    onComplete?: () => void;
  };
  const SwaggerUI: (options: Options) => unknown;
  export default SwaggerUI;
}

declare module "swagger-ui-dist/swagger-ui.css";
