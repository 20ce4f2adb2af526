"""The map: terrain tiles, symbols, labels and overlays, and the view that pans and zooms them."""
