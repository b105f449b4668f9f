// What stops a survey from saving, shown above the editor where it is seen, each problem able to select its question.
import type { FieldError } from "../../shared/api-client";

type Props = { errors: FieldError[]; onShow: (path: string) => void };

export function DefinitionProblems({ errors, onShow }: Props) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="banner banner-error definition-problems" data-testid="definition-errors">
      <p>
        <strong>Not saved.</strong> {errors.length === 1 ? "Fix this in the definition:" : `Fix these ${errors.length} things in the definition:`}
      </p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.path} ${e.message}`} data-testid="definition-error">
            {e.message}{" "}
            <button type="button" className="link-button" onClick={() => onShow(e.path)}>
              Show in the JSON
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
