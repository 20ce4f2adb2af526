"""Air Pressure — Korea 1952–53."""

__version__ = "0.1.0"
