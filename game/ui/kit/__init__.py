"""The drawing kit: theme, palettes, scale, text and the small widgets every room uses."""
