/**
 * The current step in words under the scrubber ("Backward · t = 2 · B3").
 * `data-step` carries the step's key, for links and tests.
 */
export function StepLabel({ text, stepKey }: { text: string; stepKey: string }) {
  return (
    <div className="step-label" data-testid="step-label" data-step={stepKey}>
      {text}
    </div>
  );
}
