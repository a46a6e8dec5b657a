"""Stock: what each store holds and can sell, the one place that writes it, and the
availability every page and checkout asks."""
