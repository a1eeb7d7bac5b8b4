"""The Teams / Bot Framework layer: hosting, routing, rendering and state for Prevent Signpost."""
