"""Report builders: plain data in, bytes (or SVG text) out. Builders never query the database."""
