/** Closing a tab fires no change event: what was typed and not yet committed applies as the page is hidden. */
import { useEffect, useRef } from 'preact/hooks';

export function useCommitOnHide(commit: () => void): void {
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') latest.current();
    };
    document.addEventListener('visibilitychange', hidden);
    return () => document.removeEventListener('visibilitychange', hidden);
  }, []);
}
