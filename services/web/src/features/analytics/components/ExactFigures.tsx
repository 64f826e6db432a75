import "./exact-figures.css";

// The district workspace's promise, above every figure: exact, the district's own, not the
// region's suppressed view.
export function ExactFiguresBanner({ name }: { name: string }) {
  return (
    <p className="exact-banner" role="note" data-testid="exact-figures-banner">
      <strong>These are {name || "your district"}'s own exact figures.</strong> Nothing is hidden or rounded: the region's
      small-cell rule applies only to what the region sees.
    </p>
  );
}
