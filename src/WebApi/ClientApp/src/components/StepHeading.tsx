import { useEffect, useRef } from 'react';

/**
 * The heading of a step. When the step was reached by the user's action it takes focus, so keyboard and
 * screen-reader users land at the start of the new content (not on the first load: that would steal focus from the host page).
 */
export function StepHeading({ children, focus, step }: { children: React.ReactNode; focus: boolean; step?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h2 className="ae-step-title" tabIndex={-1} ref={ref}>
      {step && <span className="ae-step-count">{step}</span>}
      {children}
    </h2>
  );
}
