/**
 * Keeps a section's failure inside it: if drawing `children` throws (a stored value of an older
 * shape, a bug), the section says so and the page's other sections keep working and updating.
 */
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

export function Contained({ name, children }: { name: string; children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  if (!error) return <>{children}</>;
  return (
    <section aria-label={name}>
      <p role="alert" class="error">
        {name} could not be shown ({String(error)}). The rest of the page still works.{' '}
        <button type="button" class="link" onClick={reset}>
          Try again
        </button>
      </p>
    </section>
  );
}
