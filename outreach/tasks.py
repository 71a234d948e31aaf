"""outreach/ has no scheduled work of its own: its coverage figures (squares by district and place kind,
communities with a compact) are computed by organizations.tasks.coverage_figures_recompute through the hook
registered in OutreachConfig.ready()."""
