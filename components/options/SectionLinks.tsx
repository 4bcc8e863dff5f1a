/** The options page's sections, one link each, at the top of the window. */
/**
 * Each section of the page, by its heading's id and its heading's words (the heatmap is left out:
 * it is not drawn until two apps were seen).
 */
export const SECTIONS = [
  ['ranking-title', 'Integration opportunities'],
  ['evidence-title', 'Evidence'],
  ['assumptions-title', 'Assumptions'],
  ['recording-title', 'Recording rules'],
  ['apps-title', 'Apps'],
  ['data-title', 'Your data'],
] as const;

/** Links to each section's heading, kept at the top of the window as the page scrolls. */
export function SectionLinks() {
  return (
    <nav class="sections" aria-label="Sections">
      <ul>
        {SECTIONS.map(([id, name]) => (
          <li key={id}>
            <a href={`#${id}`}>{name}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
